// Exercise: collect every error
// Lesson: lessons/07-errors.md · Check: npm run check -- collect-errors · Grade: npm run grade -- collect-errors
//
// When several tasks in an asyncio TaskGroup fail, you do not get only the first error: the group
// raises an ExceptionGroup that holds all of them, and `except*` picks out the ones you handle.
// `Promise.all` is less generous: it rejects with the first error and drops the rest. Write
// `runAll`: it runs every function, waits for all of them, and reports every failure together in
// an `AggregateError`, the nearest thing JavaScript has to an ExceptionGroup. (Unlike a TaskGroup
// it cancels nothing: every function runs to its end.)

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
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  throw new Error('runAll is not implemented yet: open exercises/07-errors/collect-errors.ts and write it.');
}
