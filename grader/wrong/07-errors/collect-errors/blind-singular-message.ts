// Wrong: writes "function" in the singular when there is only one function (`1 of 1 function failed`).
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map(async (fn) => fn());
  return Promise.allSettled(running).then((outcomes) => {
    const errors: unknown[] = [];
    const values: T[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') errors.push(outcome.reason);
      else values.push(outcome.value);
    }
    if (errors.length > 0) {
      const total = outcomes.length;
      const noun = total === 1 ? 'function' : 'functions';
      throw new AggregateError(errors, `${errors.length} of ${total} ${noun} failed`);
    }
    return values;
  });
}
