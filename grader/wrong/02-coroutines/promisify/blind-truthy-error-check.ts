// Wrong: decides between reject and resolve with `if (error)`, so a falsy error such as `0`, `false` or `''` resolves instead of rejecting.
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
