// Wrong: awaits each function before calling the next, so the total time is the sum, not the longest.
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const values: T[] = [];
  const errors: unknown[] = [];
  for (const fn of fns) {
    try {
      values.push(await fn());
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`);
  return values;
}
