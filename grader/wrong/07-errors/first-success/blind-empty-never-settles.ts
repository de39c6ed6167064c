// Wrong: only ever rejects from inside a failure handler, so with no functions at all the promise never settles.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const controllers = fns.map(() => new AbortController());
    const errors: unknown[] = new Array<unknown>(fns.length);
    let left = fns.length;
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
          errors[i] = error;
          left--;
          if (left === 0) {
            done = true;
            reject(new AggregateError(errors, `all ${fns.length} attempts failed`));
          }
        },
      );
    });
  });
}
