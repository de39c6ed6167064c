// Wrong: when `fn` returned a plain value, `then` calls `onFulfilled` with it synchronously (wrapping the result in a promise) instead of in a microtask.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

type State<T> =
  | { kind: 'idle' }
  | { kind: 'value'; value: T }
  | { kind: 'promise'; promise: Promise<T> };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let state: State<T> = { kind: 'idle' };

  const start = (): void => {
    if (state.kind !== 'idle') return;
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    state = { kind: 'promise', promise };
    try {
      const result = fn();
      resolve(result);
      if (!isThenable(result)) state = { kind: 'value', value: result };
    } catch (error: unknown) {
      reject(error);
    }
  };

  const self: Lazy<T> = {
    get started() {
      return state.kind !== 'idle';
    },
    then<A = T, B = never>(
      onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
      onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
    ): Promise<A | B> {
      start();
      const current = state;
      if (current.kind === 'value') {
        if (!onFulfilled) return Promise.resolve(current.value as unknown as A);
        try {
          return Promise.resolve(onFulfilled(current.value));
        } catch (error: unknown) {
          return Promise.reject(error);
        }
      }
      if (current.kind === 'promise') return current.promise.then(onFulfilled, onRejected);
      throw new Error('unreachable');
    },
    catch(onRejected) {
      return self.then(undefined, onRejected);
    },
  };
  return self;
}
