// Reference solution: a lazy coroutine that starts when first awaited

/**
 * A deferred computation that `await` accepts. `await lazyValue` calls its `then` method, which
 * is what starts the work.
 */
export interface Lazy<T> extends PromiseLike<T> {
  /** `false` until the first call of `then` or `catch`; `true` from that call on, for good. */
  readonly started: boolean;
  /** Starts the computation if needed and returns a promise of its outcome, passed through the callbacks. */
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  /** The same as `then(undefined, onRejected)`: it starts the computation too. */
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

/**
 * Returns a `Lazy` that calls `fn` synchronously inside its first `then` (or `catch`), at most
 * once, and gives every later `then` the same outcome. A synchronous throw becomes a rejection.
 */
export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  // The computation's outcome, created the first time someone asks for it.
  let outcome: Promise<T> | undefined;

  const start = (): Promise<T> => {
    if (outcome === undefined) {
      // Store the promise before calling fn, so that `started` is already true while fn runs
      // and a `then` from inside fn does not start it a second time.
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason: unknown) => void;
      outcome = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      try {
        resolve(fn());
      } catch (error) {
        reject(error);
      }
    }
    return outcome;
  };

  return {
    get started(): boolean {
      return outcome !== undefined;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().then(undefined, onRejected);
    },
  };
}
