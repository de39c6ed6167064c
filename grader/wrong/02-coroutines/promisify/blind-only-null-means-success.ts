// Wrong: treats only `null` as "no error", so a callback called with `undefined` as its error rejects with `undefined`.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const callback: Callback<R> = (error, value) => {
        if (error !== null) {
          reject(error);
          return;
        }
        resolve(value as R);
      };
      fn.call(this, ...args, callback);
    });
  };
}
