// Wrong: breaks ties "fairly": of the attempts that fulfil in the same burst of microtasks, the one listed first wins, not the one that fulfilled first.
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
    const candidates = new Map<number, T>();
    const decide = (): void => {
      if (won) return;
      won = true;
      const index = Math.min(...candidates.keys());
      controllers.forEach((controller, other) => {
        if (other !== index) controller.abort();
      });
      resolve(candidates.get(index) as T);
    };
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
          if (candidates.size === 0) queueMicrotask(decide);
          candidates.set(index, value);
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
