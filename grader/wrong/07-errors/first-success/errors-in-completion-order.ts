// Wrong: collects the errors in the order the attempts failed, not in argument order.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    const errors: unknown[] = [];
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
          controllers.forEach((controller, other) => other !== index && controller.abort());
          resolve(value);
        },
        (error: unknown) => {
          errors.push(error);
          if (errors.length === fns.length) reject(new AggregateError(errors, 'all attempts failed'));
        },
      );
    });
  });
}
