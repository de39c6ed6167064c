// Wrong: calls every function directly in a map, so a function that throws synchronously makes runAll itself throw (and the functions after it are never called).
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const promises = fns.map((fn) => fn());
  return Promise.allSettled(promises).then((outcomes) => {
    const errors: unknown[] = [];
    const values: T[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') errors.push(outcome.reason);
      else values.push(outcome.value);
    }
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${outcomes.length} functions failed`);
    return values;
  });
}
