// Wrong: keeps what synchronous throws threw in a list of their own and puts them before the rejections, so errors is not in argument order when a throw comes after a rejecting function.
export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const thrown: unknown[] = [];
  const running: Promise<T>[] = [];
  for (const fn of fns) {
    try {
      running.push(Promise.resolve(fn()));
    } catch (error) {
      thrown.push(error);
    }
  }
  const outcomes = await Promise.allSettled(running);
  const errors = [...thrown, ...outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))];
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`);
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
