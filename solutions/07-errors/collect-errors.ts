// Reference solution: collect every error

/**
 * Runs every function at once, waits until all of them have settled, and resolves with their
 * values, or rejects with every failure.
 *
 * - Every function in `fns` is called during the call to `runAll`, in argument order, each exactly
 *   once. None waits for another.
 * - The returned promise settles only when every function's promise has settled, never earlier:
 *   a failure does not stop the wait for the others.
 * - When none failed, it resolves with an array of their values in ARGUMENT ORDER (not in the
 *   order they finished): `values[i]` is the value of `fns[i]`.
 * - When one or more failed, it rejects with an `AggregateError` (the built-in class itself):
 *   - `errors` holds what each failed function rejected with, the same values (also those that
 *     are not Errors), in ARGUMENT ORDER, and nothing for the functions that succeeded. An
 *     AggregateError thrown by one function is one entry: it is not flattened into the others.
 *   - `message` is exactly `<failed> of <total> functions failed`, for example
 *     `2 of 3 functions failed`, and `1 of 1 functions failed` too (always "functions").
 * - A function that throws synchronously instead of returning a promise has failed with what it
 *   threw; the functions after it are still called, and `runAll` itself never throws.
 * - With no functions, it resolves at once with an empty array.
 * - No rejection is ever left unhandled: a failing function's rejection is handled by `runAll`,
 *   and the caller handles the one `runAll` rejects with.
 */
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map((fn) => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error);
    }
  });
  const outcomes = await Promise.allSettled(running);
  const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${outcomes.length} functions failed`);
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
