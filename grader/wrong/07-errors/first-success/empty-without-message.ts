// Wrong: with no functions it rejects with `new AggregateError([])`, whose message is empty.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const total = fns.length;
    if (total === 0) {
      reject(new AggregateError([]));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    const errors: unknown[] = new Array<unknown>(total);
    let failures = 0;
    let won = false;
    fns.forEach((fn, index) => {
      let attempt: Promise<T>;
      try {
        attempt = Promise.resolve(fn(controllers[index]!.signal));
      } catch (error) {
        attempt = Promise.reject(error);
      }
      attempt.then(
        (value) => {
          if (won) return;
          won = true;
          controllers.forEach((controller, other) => {
            if (other !== index) controller.abort();
          });
          resolve(value);
        },
        (error: unknown) => {
          errors[index] = error;
          failures++;
          if (failures === total) reject(new AggregateError(errors, `all ${total} attempts failed`));
        },
      );
    });
  });
}
