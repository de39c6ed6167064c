// Wrong: starts every function at once, then awaits the promises one by one: a promise that fails while an earlier one is still being awaited has nobody listening yet, so its rejection is unhandled.
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map(async (fn) => fn());
  const values: T[] = [];
  const errors: unknown[] = [];
  for (const promise of running) {
    try {
      values.push(await promise);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`);
  return values;
}
