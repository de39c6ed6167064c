// Wrong: waits a microtask before calling fn, like a Python coroutine that starts only when awaited; util.promisify and async functions start at once.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return async function (this: unknown, ...args: A): Promise<R> {
    await null;
    return new Promise<R>((resolve, reject) => {
      fn.apply(this, [
        ...args,
        (error: unknown, value?: R) => {
          if (error !== null && error !== undefined) reject(error);
          else resolve(value as R);
        },
      ]);
    });
  };
}
