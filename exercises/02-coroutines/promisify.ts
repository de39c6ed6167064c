// Exercise: promisify a callback API
// Lesson: lessons/02-coroutines.md · Check: npm run check -- promisify · Grade: npm run grade -- promisify
//
// Much of Node's older API reports its result through a callback, `(error, value) => …`, called
// once the work is done. asyncio bridges such an API with a Future: `fut = loop.create_future()`,
// a callback that calls `fut.set_result(value)` or `fut.set_exception(error)`, then `await fut`.
// In TypeScript the promise plays the part of the Future. Write `promisify` yourself: do not
// import `util.promisify` from Node (its rules also differ from these in one edge case).

/**
 * A Node-style callback: called once, with an error (`null` or `undefined` when there is none)
 * and then the value.
 */
export type Callback<R> = (error: unknown, value?: R) => void;

/**
 * Turns `fn`, a function whose last parameter is a Node-style callback, into a function that
 * takes the other arguments and returns a promise.
 *
 * `promisify(fn)` itself does not call `fn`. Each call of the returned function:
 *
 * - calls `fn` at once, synchronously, before it returns (eager like every async function in
 *   JavaScript, unlike a Python coroutine), with the same arguments plus one more: a callback,
 *   placed right after the arguments the call was given, however many parameters `fn` declares
 *   (no padding, no reordering). Each call calls `fn` once, with a new callback.
 * - passes its `this` on to `fn`, so that methods work: after `obj.readAsync = promisify(obj.read)`,
 *   a call `obj.readAsync('a.txt')` runs `obj.read` with `this` being `obj`.
 * - returns a real `Promise`, settled at the moment the callback is called, without any timer.
 *   When the callback is called with `(error, value)`:
 *   - if `error` is anything but `null` or `undefined`, the promise rejects with exactly that
 *     `error`, whatever it is: an `Error`, a string, a plain object, even `0` or `false`;
 *   - otherwise it resolves with `value` (`undefined` if the callback got no value; arguments
 *     after the value are ignored). Like `resolve`, it follows a `value` that is itself a promise
 *     or another thenable, and settles as that one does.
 * - never throws: if `fn` throws synchronously, the promise rejects with exactly what it threw,
 *   whatever it is, even `undefined` or `null`.
 * - counts only the first call of the callback: later calls are ignored (they do not throw and
 *   do not change the outcome), and so is a throw from `fn` after it has called the callback.
 * - makes no other promise that can reject: if the caller handles the returned promise, no
 *   unhandled rejection is reported.
 *
 * TypeScript infers the types: for `read(path: string, cb: (err: Error | null, data?: string) => void)`,
 * `promisify(read)` is a `(path: string) => Promise<string>`.
 */
export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  throw new Error('promisify is not implemented yet: open exercises/02-coroutines/promisify.ts and write it.');
}
