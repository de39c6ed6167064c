// Wrong: `attempt.then(onSuccess)` without a rejection handler makes a second promise that rejects when the attempt fails, and nobody handles that one.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const controllers = fns.map(() => new AbortController());
    const attempts = fns.map((fn, index) => {
      try {
        return Promise.resolve(fn(controllers[index]!.signal));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    let won = false;
    attempts.forEach((attempt, index) => {
      attempt.then((value) => {
        if (won) return;
        won = true;
        controllers.forEach((controller, other) => other !== index && controller.abort());
        resolve(value);
      });
    });
    void Promise.allSettled(attempts).then((outcomes) => {
      if (won) return;
      reject(new AggregateError(outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined)), 'all attempts failed'));
    });
  });
}
