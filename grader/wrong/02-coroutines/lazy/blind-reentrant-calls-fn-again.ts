// Wrong: stores the promise only after `fn` returns, so a `then` called from inside `fn` itself finds no promise yet and calls `fn` a second time.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let started = false;
  let promise: Promise<T> | undefined;

  const start = (): Promise<T> => {
    if (promise === undefined) {
      started = true;
      try {
        promise = Promise.resolve(fn());
      } catch (error: unknown) {
        promise = Promise.reject(error);
      }
    }
    return promise;
  };

  return {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().catch(onRejected);
    },
  };
}
