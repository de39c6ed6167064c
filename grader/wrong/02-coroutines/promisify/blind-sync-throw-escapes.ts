// Wrong: calls `fn` outside the promise executor without a try/catch, so a synchronous throw from `fn` escapes from the call instead of rejecting the promise.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    let resolve!: (value: R) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<R>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    fn.call(this, ...args, (error: unknown, value?: R) => {
      if (error === null || error === undefined) resolve(value as R);
      else reject(error);
    });
    return promise;
  };
}
