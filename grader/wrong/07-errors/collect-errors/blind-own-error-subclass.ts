// Wrong: rejects with its own `RunAllError` subclass of AggregateError rather than the built-in AggregateError class itself.
class RunAllError extends AggregateError {
  override name = 'RunAllError';
}

export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map(async (fn) => fn());
  return Promise.allSettled(running).then((outcomes) => {
    const errors: unknown[] = [];
    const values: T[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') errors.push(outcome.reason);
      else values.push(outcome.value);
    }
    if (errors.length > 0) throw new RunAllError(errors, `${errors.length} of ${outcomes.length} functions failed`);
    return values;
  });
}
