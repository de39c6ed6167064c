// Wrong: calls fn outside the promise executor, so a synchronous throw from fn escapes to the caller instead of rejecting.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    let resolve!: (value: R) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<R>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    fn.apply(this, [
      ...args,
      (error: unknown, value?: R) => {
        if (error !== null && error !== undefined) reject(error);
        else resolve(value as R);
      },
    ]);
    return promise;
  };
}
