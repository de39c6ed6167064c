// Wrong: catches a synchronous throw from `fn` and hands it to its own callback, so a throw of `undefined` or `null` counts as "no error" and resolves instead of rejecting.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let called = false;
      const callback: Callback<R> = (error, value) => {
        if (called) return;
        called = true;
        if (error !== null && error !== undefined) reject(error);
        else resolve(value as R);
      };
      try {
        fn.apply(this, [...args, callback]);
      } catch (thrown: unknown) {
        callback(thrown);
      }
    });
  };
}
