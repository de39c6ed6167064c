// Right: subscribes to every item at call time, pushing outcomes into a queue, and an async generator created afterwards drains the queue, sleeping on a wake-up promise when it is empty.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: Outcome<T>[] = [];
  let wake: (() => void) | undefined;
  let total = 0;

  const arrive = (outcome: Outcome<T>) => {
    arrived.push(outcome);
    const wakeUp = wake;
    wake = undefined;
    wakeUp?.();
  };

  for (const item of items) {
    total += 1;
    Promise.resolve(item).then(
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }

  async function* drain(): AsyncGenerator<T, void, undefined> {
    for (let taken = 0; taken < total; taken++) {
      while (arrived.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const outcome = arrived.shift()!;
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  }

  return drain();
}
