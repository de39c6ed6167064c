// Wrong: a synchronous throw is recorded and counted, but only a rejection checks whether every attempt has failed, so when every function throws synchronously it never settles.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const total = fns.length;
    if (total === 0) {
      reject(new AggregateError([], 'no attempts'));
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
        errors[index] = error;
        failures++;
        return;
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
