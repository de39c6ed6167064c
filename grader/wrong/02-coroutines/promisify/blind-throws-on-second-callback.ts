// Wrong: throws an `Error` when the callback is called a second time, instead of ignoring the later call silently.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let called = false;
      const callback: Callback<R> = (error, value) => {
        if (called) throw new Error('callback was called more than once');
        called = true;
        if (error === null || error === undefined) resolve(value as R);
        else reject(error);
      };
      fn.apply(this, [...args, callback]);
    });
  };
}
