// Right: a plain `function` expression that forwards `this` with `fn.apply` inside a `new Promise` executor, relying on the promise to ignore late settles.
/**
 * A Node-style callback: called once, with an error (`null` or `undefined` when there is none)
 * and then the value.
 */
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const callback: Callback<R> = (error, value) => {
        if (error !== null && error !== undefined) reject(error);
        else resolve(value as R);
      };
      fn.apply(this, [...args, callback]);
    });
  };
}
