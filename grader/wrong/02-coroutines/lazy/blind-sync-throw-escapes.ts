// Wrong: calls `fn()` without a try/catch, so a synchronous throw escapes from `then` instead of becoming the rejection (and the outcome then stays pending).
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
    promise = new Promise<T>((res) => {
      resolve = res;
    });
    resolve(fn());
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
