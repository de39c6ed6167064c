// Wrong: sets `started` only after `fn` has returned, so code inside `fn` that reads `started` still sees `false`.
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
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason: unknown) => void;
  const outcome = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let running = false;

  const start = (): void => {
    if (running || started) return;
    running = true;
    try {
      resolve(fn());
    } catch (error: unknown) {
      reject(error);
    }
    started = true;
  };

  return {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      start();
      return outcome.then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      start();
      return outcome.catch(onRejected);
    },
  };
}
