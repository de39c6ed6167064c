// Wrong: settles like the first attempt to settle, even a failure (Promise.race semantics).
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    let settled = false;
    fns.forEach((fn, index) => {
      let attempt: Promise<T>;
      try {
        attempt = Promise.resolve(fn(controllers[index]!.signal));
      } catch (error) {
        attempt = Promise.reject(error);
      }
      attempt.then(
        (value) => {
          if (settled) return;
          settled = true;
          controllers.forEach((controller, other) => other !== index && controller.abort());
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          controllers.forEach((controller, other) => other !== index && controller.abort());
          reject(new AggregateError([error], 'an attempt failed'));
        },
      );
    });
  });
}
