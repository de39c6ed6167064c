// Wrong: defers settling to a `setTimeout(…, 0)` ("always asynchronous"), so the promise does not settle at the moment the callback is called: it waits for a timer.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const callback: Callback<R> = (error, value) => {
        setTimeout(() => {
          if (error !== null && error !== undefined) reject(error);
          else resolve(value as R);
        }, 0);
      };
      fn.apply(this, [...args, callback]);
    });
  };
}
