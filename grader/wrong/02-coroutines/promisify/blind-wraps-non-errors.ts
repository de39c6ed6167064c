// Wrong: rejects with `new Error(String(error))` when the callback's error is not an `Error`, instead of with exactly the value it got.
export type Callback<R> = (error: unknown, value?: R) => void;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      fn.apply(this, [
        ...args,
        (error: unknown, value?: R) => {
          if (error === null || error === undefined) resolve(value as R);
          else reject(toError(error));
        },
      ]);
    });
  };
}
