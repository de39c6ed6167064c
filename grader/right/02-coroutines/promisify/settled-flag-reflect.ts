// Right: builds the deferred by hand, tracks a per-call `settled` flag, calls `fn` through `Reflect.apply` in a try/catch outside the executor.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function promisified(this: unknown, ...args: A): Promise<R> {
    let resolvePromise!: (value: R) => void;
    let rejectPromise!: (reason: unknown) => void;
    const promise = new Promise<R>((res, rej) => {
      resolvePromise = res;
      rejectPromise = rej;
    });
    let settled = false;
    const callback: Callback<R> = (...results: unknown[]) => {
      if (settled) return;
      settled = true;
      const [error, value] = results;
      if (error == null) resolvePromise(value as R);
      else rejectPromise(error);
    };
    try {
      Reflect.apply(fn, this, [...args, callback]);
    } catch (thrown) {
      if (!settled) {
        settled = true;
        rejectPromise(thrown);
      }
    }
    return promise;
  };
}
