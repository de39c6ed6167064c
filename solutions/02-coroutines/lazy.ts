// Reference solution: a lazy coroutine that starts when first awaited

/**
 * A deferred computation that `await` accepts. `await lazyValue` calls its `then` method, which
 * is what starts the work.
 */
export interface Lazy<T> extends PromiseLike<T> {
  /**
   * `false` until the first call of `then` or `catch`; `true` from that call on, for good: already
   * while `fn` runs inside that first call, and still after `fn` has finished or failed.
   */
  readonly started: boolean;
  /**
   * Starts the computation if it has not started yet, and returns a real `Promise` that settles
   * as `promise.then(onFulfilled, onRejected)` would if `promise` held the computation's outcome.
   * Never throws, and never calls `onFulfilled` or `onRejected` synchronously.
   */
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  /** The same as `then(undefined, onRejected)`: it starts the computation too, and returns a real `Promise`. */
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

/**
 * Returns a `Lazy` that runs `fn` when it is first awaited.
 *
 * - `lazy(fn)` does not call `fn` and starts nothing (no timer), and neither does storing the
 *   `Lazy`, passing it around, reading `started` or letting time pass. A `Lazy` that nobody awaits
 *   never calls `fn`, so it can never cause an unhandled rejection.
 * - The first call of `then` (or `catch`) calls `fn` synchronously, before that call returns.
 * - `fn` is called at most once. Every `then`, `catch` or `await` sees the same outcome: the same
 *   value, or the same rejection with the same error object. That holds long after `fn` has
 *   finished, while the promise `fn` returned is still pending, and even for a `then` called
 *   synchronously from inside `fn` itself (it does not call `fn` again: it gets the outcome of the
 *   call in progress). A failure is kept, not retried; a value is kept too, even `undefined`.
 * - `fn` may return any value (`undefined` included), a promise or any other thenable: the outcome
 *   is what it settles to, as with `Promise.resolve` (a thenable whose `then` throws gives a
 *   rejection with what it threw). If `fn` throws synchronously, the outcome is a rejection with
 *   exactly what it threw, even if that is not an `Error`; `then` still returns a promise and does
 *   not throw.
 * - `then` and `catch` return real `Promise`s, so they can be chained, and a `Lazy` works wherever a
 *   promise is accepted: `await`, `Promise.all`, `Promise.race`, `Promise.resolve`.
 * - The only promises that can reject are the ones `then` and `catch` return: if every caller
 *   handles its promise, a failure of `fn` is never reported as an unhandled rejection.
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
