// Wrong: collects the failures in the order they happened, not in argument order.
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const errors: unknown[] = [];
  const values = await Promise.all(
    fns.map(async (fn) => {
      try {
        return await fn();
      } catch (error) {
        errors.push(error);
        return undefined;
      }
    }),
  );
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`);
  return values as T[];
}
