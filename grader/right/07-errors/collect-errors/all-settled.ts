// Right: wraps each call in an async arrow (so a synchronous throw becomes a rejection), then splits the result of Promise.allSettled.
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map(async (fn) => fn());
  return Promise.allSettled(running).then((outcomes) => {
    const failures: unknown[] = [];
    const values: T[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') failures.push(outcome.reason);
      else values.push(outcome.value);
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `${failures.length} of ${outcomes.length} functions failed`);
    }
    return values;
  });
}
