// Wrong: the message's total counts only the functions that returned a promise, so a function that threw synchronously is missing from it (`1 of 1` instead of `1 of 2 functions failed`).
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const slots: ({ thrown: unknown } | { promise: Promise<T> })[] = fns.map((fn) => {
    try {
      return { promise: Promise.resolve(fn()) };
    } catch (error) {
      return { thrown: error };
    }
  });
  const started = slots.flatMap((slot) => ('promise' in slot ? [slot.promise] : []));
  const outcomes = await Promise.allSettled(started);
  const errors: unknown[] = [];
  const values: T[] = [];
  let next = 0;
  for (const slot of slots) {
    if ('thrown' in slot) {
      errors.push(slot.thrown);
      continue;
    }
    const outcome = outcomes[next++]!;
    if (outcome.status === 'rejected') errors.push(outcome.reason);
    else values.push(outcome.value);
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${Math.max(started.length, errors.length)} functions failed`);
  return values;
}
