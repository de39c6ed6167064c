// Wrong: resolves with the first success but never aborts the other attempts, which run on for nothing.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const errors: unknown[] = new Array<unknown>(fns.length);
    let failures = 0;
    fns.forEach((fn, index) => {
      let attempt: Promise<T>;
      try {
        attempt = Promise.resolve(fn(new AbortController().signal));
      } catch (error) {
        attempt = Promise.reject(error);
      }
      attempt.then(resolve, (error: unknown) => {
        errors[index] = error;
        if (++failures === fns.length) reject(new AggregateError(errors, 'all attempts failed'));
      });
    });
  });
}
