// Wrong: when a function itself rejects with an AggregateError, spreads that group's errors into the result instead of keeping it as one entry.
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const running = fns.map(async (fn) => fn());
  return Promise.allSettled(running).then((outcomes) => {
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (rejected.length === 0) {
      return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
    }
    const errors = rejected.flatMap((outcome): unknown[] =>
      outcome.reason instanceof AggregateError ? outcome.reason.errors : [outcome.reason],
    );
    throw new AggregateError(errors, `${rejected.length} of ${outcomes.length} functions failed`);
  });
}
