// Wrong: aborts a failed attempt's own signal as soon as it fails (to clean it up), before there is any winner.
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
    const lose = (i: number, error: unknown): void => {
      controllers[i]!.abort();
      if (done) return;
      errors[i] = error;
      failed++;
      if (failed === fns.length) {
        done = true;
        reject(new AggregateError(errors, `all ${fns.length} attempts failed`));
      }
    };
    fns.forEach((fn, i) => {
      let attempt: Promise<T>;
      try {
        attempt = fn(controllers[i]!.signal);
      } catch (error: unknown) {
        lose(i, error);
        return;
      }
      attempt.then(
        (value) => {
          if (done) return;
          done = true;
          resolve(value);
          controllers.forEach((controller, j) => {
            if (j !== i) controller.abort();
          });
        },
        (error: unknown) => lose(i, error),
      );
    });
  });
}
