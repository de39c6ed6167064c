// Wrong: uses `winner === undefined` to mean "nobody has won yet", so after a winner that resolved with undefined a later success wins again and aborts the real winner's signal.
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
    let winner: T | undefined;
    fns.forEach((fn, i) => {
      let attempt: Promise<T>;
      try {
        attempt = fn(controllers[i]!.signal);
      } catch (error: unknown) {
        attempt = Promise.reject(error);
      }
      attempt.then(
        (value) => {
          if (winner !== undefined) return;
          winner = value;
          resolve(value);
          controllers.forEach((controller, j) => {
            if (j !== i) controller.abort();
          });
        },
        (error: unknown) => {
          errors[i] = error;
          failed++;
          if (failed === fns.length) reject(new AggregateError(errors, `all ${fns.length} attempts failed`));
        },
      );
    });
  });
}
