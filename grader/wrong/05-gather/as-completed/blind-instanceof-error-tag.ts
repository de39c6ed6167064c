// Wrong: it queues values and errors side by side and tells them apart with instanceof Error, so a rejection with a non-Error is yielded as a value (and a value that is an Error is thrown).
export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: unknown[] = [];
  let wake: (() => void) | undefined;
  let total = 0;

  const arrive = (valueOrError: unknown) => {
    arrived.push(valueOrError);
    const wakeUp = wake;
    wake = undefined;
    wakeUp?.();
  };

  for (const item of items) {
    total += 1;
    Promise.resolve(item).then(arrive, arrive);
  }

  return (async function* () {
    for (let taken = 0; taken < total; taken++) {
      while (arrived.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const next = arrived.shift();
      if (next instanceof Error) throw next;
      yield next as T;
    }
  })();
}
