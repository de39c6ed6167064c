// Wrong: keeps an error until every other result has been yielded and throws it only at the end, not at its turn.
export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: T[] = [];
  const errors: unknown[] = [];
  let wakeUp: (() => void) | undefined;
  let total = 0;
  const wake = (): void => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  for (const item of items) {
    total++;
    Promise.resolve(item).then(
      (value) => {
        arrived.push(value);
        wake();
      },
      (error: unknown) => {
        errors.push(error);
        wake();
      },
    );
  }
  async function* results(): AsyncGenerator<T, void, undefined> {
    let taken = 0;
    while (taken + errors.length < total || arrived.length > 0) {
      if (arrived.length === 0) {
        await new Promise<void>((resolve) => (wakeUp = resolve));
        continue;
      }
      taken++;
      yield arrived.shift()!;
    }
    if (errors.length > 0) throw errors[0];
  }
  return results();
}
