// Wrong: starts each function from `Promise.resolve().then(fn)` to catch synchronous throws, so the functions are called a microtask after runAll returns, not during the call.
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map((fn) => Promise.resolve().then(fn));
  return Promise.allSettled(running).then((outcomes) => {
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
