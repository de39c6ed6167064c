// Wrong: queues { value, error } pairs and throws only when error !== undefined, so an item that rejects with undefined is yielded as a result instead of thrown.
type Outcome<T> = { value?: T; error?: unknown };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: Outcome<T>[] = [];
  let wake: (() => void) | undefined;
  let total = 0;
  const arrive = (outcome: Outcome<T>): void => {
    arrived.push(outcome);
    const wakeUp = wake;
    wake = undefined;
    wakeUp?.();
  };
  for (const item of items) {
    total++;
    Promise.resolve(item).then(
      (value) => arrive({ value }),
      (error: unknown) => arrive({ error }),
    );
  }
  return (async function* () {
    for (let taken = 0; taken < total; taken++) {
      while (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const outcome = arrived.shift()!;
      if (outcome.error !== undefined) throw outcome.error;
      yield outcome.value as T;
    }
  })();
}
