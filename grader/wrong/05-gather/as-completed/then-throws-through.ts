// Wrong: calls each thenable's then itself, right in asCompleted, so a thenable whose then throws makes asCompleted throw instead of failing at its turn.
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
    const thenable = item instanceof Promise || typeof (item as PromiseLike<T> | null)?.then !== 'function' ? Promise.resolve(item) : (item as PromiseLike<T>);
    let called = false;
    thenable.then(
      (value) => {
        if (called) return;
        called = true;
        Promise.resolve(value).then(
          (inner) => arrive({ ok: true, value: inner }),
          (error: unknown) => arrive({ ok: false, error }),
        );
      },
      (error: unknown) => {
        if (called) return;
        called = true;
        arrive({ ok: false, error });
      },
    );
  }
  return (async function* () {
    for (let taken = 0; taken < total; taken++) {
      while (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const outcome = arrived.shift()!;
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  })();
}
