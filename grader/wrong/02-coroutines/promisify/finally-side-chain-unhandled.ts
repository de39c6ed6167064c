// Wrong: tidies up with `promise.finally(...)` and drops the promise that `finally` returns, so every rejection is reported as unhandled even when the caller handles it.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    let pending: Callback<R> | undefined;
    const promise = new Promise<R>((resolve, reject) => {
      pending = (error, value) => {
        if (error !== null && error !== undefined) reject(error);
        else resolve(value as R);
      };
      fn.apply(this, [...args, (error: unknown, value?: R) => pending?.(error, value)]);
    });
    // Forget the settle function once the promise has settled, so later calls do nothing.
    void promise.finally(() => {
      pending = undefined;
    });
    return promise;
  };
}
