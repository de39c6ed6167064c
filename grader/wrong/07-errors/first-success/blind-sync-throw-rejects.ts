// Wrong: calls the attempts inside the Promise executor without a try/catch, so one that throws synchronously rejects the whole thing at once with its raw error and the attempts after it are never called.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const controllers: AbortController[] = [];
    const errors: unknown[] = [];
    let failed = 0;
    let done = false;
    fns.forEach((fn, i) => {
      const controller = new AbortController();
      controllers.push(controller);
      fn(controller.signal).then(
        (value) => {
          if (done) return;
          done = true;
          resolve(value);
          controllers.forEach((other, j) => {
            if (j !== i) other.abort();
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
