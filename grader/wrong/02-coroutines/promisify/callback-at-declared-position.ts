// Wrong: pads the arguments with `undefined` up to `fn.length - 1`, so the callback always lands in the last declared parameter instead of right after the arguments given.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const callback: Callback<R> = (error, value) => {
        if (error !== null && error !== undefined) reject(error);
        else resolve(value as R);
      };
      // "Optional parameters before the callback": fill them in so the callback is where fn expects it.
      const callArgs: unknown[] = [...args];
      while (callArgs.length < fn.length - 1) callArgs.push(undefined);
      callArgs.push(callback);
      fn.apply(this, callArgs as [...A, Callback<R>]);
    });
  };
}
