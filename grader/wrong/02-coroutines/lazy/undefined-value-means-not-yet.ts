// Wrong: once fn has finished it keeps only the value and drops the promise, using `undefined` as "no value yet", so a fn whose value is `undefined` is called again by the next `then`.
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
  let running: Promise<T> | undefined;
  let value: T | undefined;

  const start = (): Promise<T> => {
    // Finished: hand out the kept value, and let the promise be garbage-collected.
    if (value !== undefined) return Promise.resolve(value);
    if (running === undefined) {
      started = true;
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason: unknown) => void;
      running = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      try {
        resolve(fn());
      } catch (error: unknown) {
        reject(error);
      }
      running.then(
        (result) => {
          value = result;
          running = undefined;
        },
        () => undefined,
      );
    }
    return running;
  };

  return {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().then(undefined, onRejected);
    },
  };
}
