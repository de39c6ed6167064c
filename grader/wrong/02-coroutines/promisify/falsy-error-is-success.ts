// Wrong: tests the error with `if (error)`, as util.promisify does, so a falsy error such as 0, '' or false resolves instead of rejecting.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      fn.apply(this, [
        ...args,
        (error: unknown, value?: R) => {
          if (error) reject(error);
          else resolve(value as R);
        },
      ]);
    });
  };
}
