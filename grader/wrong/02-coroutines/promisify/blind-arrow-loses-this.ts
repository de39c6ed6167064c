// Wrong: returns an arrow function and calls `fn(...args, callback)` directly, so a method call does not pass its `this` on to `fn`.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return (...args: A): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      fn(...args, (error, value) => {
        if (error === null || error === undefined) resolve(value as R);
        else reject(error);
      });
    });
}
