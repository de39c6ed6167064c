// Wrong: plain values are queued synchronously while promises go through then, so a plain value jumps ahead of an already-settled promise passed before it.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

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
    if (!isThenable(item)) {
      arrive({ ok: true, value: item as T });
      continue;
    }
    Promise.resolve(item).then(
      (value) => arrive({ ok: true, value: value as T }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }

  return (async function* () {
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
  })();
}
