// Wrong: resolves with an array of all the values when the callback gets more than one, instead of ignoring the arguments after the value.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const callback = (error: unknown, ...values: unknown[]): void => {
        if (error !== null && error !== undefined) reject(error);
        else resolve((values.length > 1 ? values : values[0]) as R);
      };
      fn.apply(this, [...args, callback]);
    });
  };
}
