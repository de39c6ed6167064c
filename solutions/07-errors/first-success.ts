// Reference solution: first success (`Promise.any` from scratch)

/** One attempt: it receives its own AbortSignal, and should stop when that signal aborts. */
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs every attempt at once and resolves with the value of the first one that succeeds.
 * Do not use `Promise.any` (the grader checks).
 *
 * - Every function in `fns` is called during the call to `firstSuccess`, in argument order, each
 *   exactly once and with an AbortSignal of its own. None waits for another.
 * - The returned promise resolves with the value of the first attempt to fulfil, whatever it is
 *   (`undefined` too), at that moment. A failure does not settle it as long as another attempt is
 *   still running. If several attempts fulfil at the same moment, the one that fulfils first wins
 *   (for attempts that take the same time, the one listed first).
 * - As soon as an attempt wins, the signal of every other attempt is aborted (those that have
 *   already failed too), with the default reason (`controller.abort()` gives a DOMException named
 *   `AbortError`). The winner's signal is never aborted, and no signal is aborted before there is
 *   a winner: a failure aborts nothing, and when every attempt fails, no signal is aborted at all.
 * - After the win, whatever the other attempts do (succeed later, fail, reject because they were
 *   aborted) changes nothing.
 * - When every attempt has failed, the promise rejects, at the moment of the last failure, with an
 *   `AggregateError` whose `errors` holds what each attempt rejected with, in ARGUMENT ORDER (not
 *   in the order they failed): `errors[i]` is the failure of `fns[i]`, the same value, even if it
 *   is not an Error. Give it a message of your choice, such as `all 3 attempts failed`.
 * - A function that throws synchronously instead of returning a promise has failed with what it
 *   threw; the others are still called, and `firstSuccess` itself never throws.
 * - With no functions at all, the promise rejects at once with an `AggregateError` whose `errors`
 *   is empty, with a message too (`Promise.any([])` does the same).
 * - No rejection is ever left unhandled: not from the losers, not from attempts that fail after
 *   the win.
 */
export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const total = fns.length;
    if (total === 0) {
      reject(new AggregateError([], 'firstSuccess was given no attempts'));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    const errors: unknown[] = new Array<unknown>(total);
    let failures = 0;
    let won = false;

    fns.forEach((fn, index) => {
      let attempt: Promise<T>;
      try {
        attempt = Promise.resolve(fn(controllers[index]!.signal));
      } catch (error) {
        attempt = Promise.reject(error);
      }
      // One handler for each outcome, on the attempt itself: no derived promise is left to reject.
      attempt.then(
        (value) => {
          if (won) return;
          won = true;
          controllers.forEach((controller, other) => {
            if (other !== index) controller.abort();
          });
          resolve(value);
        },
        (error: unknown) => {
          errors[index] = error;
          failures++;
          if (failures === total) reject(new AggregateError(errors, `all ${total} attempts failed`));
        },
      );
    });
  });
}
