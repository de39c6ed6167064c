// Right: one Promise constructor with closures, a failure counter, a `won` flag and an errors array indexed by argument position.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const total = fns.length;
    if (total === 0) {
      reject(new AggregateError([], 'no attempts to run'));
      return;
    }
    const controllers = fns.map(() => new AbortController());
    const errors: unknown[] = new Array<unknown>(total);
    let failures = 0;
    let won = false;

    const succeed = (index: number, value: T): void => {
      if (won) return;
      won = true;
      resolve(value);
      controllers.forEach((controller, other) => {
        if (other !== index) controller.abort();
      });
    };

    const fail = (index: number, reason: unknown): void => {
      if (won) return;
      errors[index] = reason;
      failures += 1;
      if (failures === total) reject(new AggregateError(errors, `all ${total} attempts failed`));
    };

    fns.forEach((fn, index) => {
      let attempt: Promise<T>;
      try {
        attempt = fn(controllers[index]!.signal);
      } catch (error: unknown) {
        fail(index, error);
        return;
      }
      Promise.resolve(attempt).then(
        (value) => succeed(index, value),
        (reason: unknown) => fail(index, reason),
      );
    });
  });
}
