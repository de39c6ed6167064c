// Wrong: keeps a side chain `outcome.then((value) => …)` to cache the value, with no rejection handler, so a failure of fn is reported as an unhandled rejection even when every awaiter handles it.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let outcome: Promise<T> | undefined;
  let lastValue: T | undefined;

  const start = (): Promise<T> => {
    if (outcome === undefined) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason: unknown) => void;
      outcome = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      try {
        resolve(fn());
      } catch (error: unknown) {
        reject(error);
      }
      // Remember the value for debugging.
      void outcome.then((value) => {
        lastValue = value;
      });
    }
    return outcome;
  };

  return {
    get started() {
      return outcome !== undefined;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().then(undefined, onRejected);
    },
    toString() {
      return `Lazy(${String(lastValue)})`;
    },
  } as Lazy<T>;
}
