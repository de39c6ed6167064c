// Wrong: starts the work with `Promise.resolve().then(fn)`, so `fn` runs a microtask after the first `then` instead of synchronously inside it.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let promise: Promise<T> | null = null;

  const start = (): Promise<T> => (promise ??= Promise.resolve().then(fn));

  return {
    get started() {
      return promise !== null;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().then(undefined, onRejected);
    },
  };
}
