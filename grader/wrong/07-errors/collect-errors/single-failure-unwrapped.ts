// Wrong: when exactly one function failed it rejects with that function's error itself, not with an AggregateError around it.
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map((fn) => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error);
    }
  });
  const outcomes = await Promise.allSettled(running);
  const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${outcomes.length} functions failed`);
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
