// Right: closures over a deferred that is created before `fn` is called, so a `then` from inside `fn` also gets the one shared promise.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let promise: Promise<T> | undefined;

  const start = (): Promise<T> => {
    if (promise) return promise;
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason: unknown) => void;
    promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    try {
      resolve(fn());
    } catch (error: unknown) {
      reject(error);
    }
    return promise;
  };

  return {
    get started() {
      return promise !== undefined;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().then(undefined, onRejected);
    },
  };
}
