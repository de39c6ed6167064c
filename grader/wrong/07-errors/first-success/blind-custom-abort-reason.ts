// Wrong: aborts the losers with its own Error('another attempt won') as the reason instead of the default AbortError.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    const errors: unknown[] = new Array<unknown>(fns.length);
    let failed = 0;
    let done = false;
    fns.forEach((fn, i) => {
      let attempt: Promise<T>;
      try {
        attempt = fn(controllers[i]!.signal);
      } catch (error: unknown) {
        attempt = Promise.reject(error);
      }
      attempt.then(
        (value) => {
          if (done) return;
          done = true;
          resolve(value);
          controllers.forEach((controller, j) => {
            if (j !== i) controller.abort(new Error('another attempt won'));
          });
        },
        (error: unknown) => {
          if (done) return;
          errors[i] = error;
          failed++;
          if (failed === fns.length) {
            done = true;
            reject(new AggregateError(errors, `all ${fns.length} attempts failed`));
          }
        },
      );
    });
  });
}
