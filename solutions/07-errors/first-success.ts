// Reference solution: first success (`Promise.any` from scratch)

/** One attempt: it receives its own AbortSignal, and should stop when that signal aborts. */
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Calls every attempt at once, each with its own signal, and resolves with the first value to
 * arrive, aborting the other attempts' signals. When all fail, rejects with an AggregateError of
 * every failure in argument order.
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
