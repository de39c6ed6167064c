// Wrong: turns every failure that is not an Error (a string, undefined, an object) into `new Error(String(reason))` in the AggregateError's `errors`.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    const errors: Error[] = new Array<Error>(fns.length);
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
            if (j !== i) controller.abort();
          });
        },
        (error: unknown) => {
          if (done) return;
          errors[i] = toError(error);
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
