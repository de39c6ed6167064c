// Wrong: rejects as soon as the first function fails (Promise.all semantics), without waiting for the others.
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map(async (fn) => fn());
  try {
    return await Promise.all(running);
  } catch (error) {
    const settled = await Promise.race([Promise.allSettled(running), Promise.resolve(undefined)]);
    const errors = settled ? settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : [])) : [error];
    throw new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`);
  }
}
