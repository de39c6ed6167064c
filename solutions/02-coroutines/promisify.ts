// Reference solution: promisify a callback API

/**
 * A Node-style callback: called once, with an error (`null` or `undefined` when there is none)
 * and then the value.
 */
export type Callback<R> = (error: unknown, value?: R) => void;

/**
 * Turns `fn`, whose last parameter is a Node-style callback, into a function that returns a
 * promise. `fn` is called at once with the same arguments and `this`, plus a callback; an error
 * other than `null` or `undefined` rejects the promise, anything else resolves it with the value.
 * A synchronous throw from `fn` rejects too, and only the first call of the callback counts.
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
