// Wrong: returns an arrow function and calls fn(...args, callback) directly, so fn loses `this` and methods break.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return (...args: A): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      fn(...args, (error: unknown, value?: R) => {
        if (error !== null && error !== undefined) reject(error);
        else resolve(value as R);
      });
    });
}
