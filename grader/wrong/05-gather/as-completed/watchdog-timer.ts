// Wrong: each wait for the next item also arms a watchdog setTimeout that it clears when the item arrives, so it starts timers of its own.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

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
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }
  return (async function* () {
    for (let taken = 0; taken < total; taken++) {
      while (arrived.length === 0) {
        const watchdog = setTimeout(() => undefined, 60_000);
        await new Promise<void>((resolve) => (wake = resolve));
        clearTimeout(watchdog);
      }
      const outcome = arrived.shift()!;
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  })();
}
