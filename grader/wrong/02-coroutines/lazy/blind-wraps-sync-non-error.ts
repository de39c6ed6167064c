// Wrong: turns a synchronous throw of a non-`Error` value into `new Error(String(value))`, so the rejection is not with what `fn` threw.
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
      reject(error instanceof Error ? error : new Error(String(error)));
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
