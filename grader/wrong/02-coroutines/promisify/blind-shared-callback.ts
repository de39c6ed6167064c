// Wrong: builds one callback in `promisify` and reuses it for every call, so with two calls in flight the first callback settles the latest promise and the earlier one never settles.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  let settle: { resolve: (value: R) => void; reject: (reason: unknown) => void } | undefined;
  const callback: Callback<R> = (error, value) => {
    const current = settle;
    settle = undefined;
    if (!current) return;
    if (error === null || error === undefined) current.resolve(value as R);
    else current.reject(error);
  };
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      settle = { resolve, reject };
      fn.apply(this, [...args, callback]);
    });
  };
}
