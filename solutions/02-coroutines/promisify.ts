// Reference solution: promisify a callback API

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
  // A `function`, not an arrow function: it must receive the `this` of its call.
  return function (this: unknown, ...args: A): Promise<R> {
    // The executor runs synchronously, inside `new Promise`, so `fn` is called at once; a throw
    // inside it rejects the promise; and once settled, a promise ignores further resolve/reject.
    return new Promise<R>((resolve, reject) => {
      const callback: Callback<R> = (error, value) => {
        if (error !== null && error !== undefined) {
          reject(error);
        } else {
          resolve(value as R);
        }
      };
      fn.apply(this, [...args, callback]);
    });
  };
}
