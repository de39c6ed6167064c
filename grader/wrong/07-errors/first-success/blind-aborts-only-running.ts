// Wrong: when an attempt wins it aborts only the attempts still running, leaving the signals of attempts that had already failed un-aborted.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (fns.length === 0) {
      reject(new AggregateError([], 'no attempts'));
      return;
    }
    const running = new Map<number, AbortController>();
    const errors: unknown[] = new Array<unknown>(fns.length);
    let failed = 0;
    let done = false;
    fns.forEach((fn, i) => {
      const controller = new AbortController();
      running.set(i, controller);
      let attempt: Promise<T>;
      try {
        attempt = fn(controller.signal);
      } catch (error: unknown) {
        attempt = Promise.reject(error);
      }
      attempt.then(
        (value) => {
          running.delete(i);
          if (done) return;
          done = true;
          resolve(value);
          for (const other of running.values()) other.abort();
        },
        (error: unknown) => {
          running.delete(i);
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
