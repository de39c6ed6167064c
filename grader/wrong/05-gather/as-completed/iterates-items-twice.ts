// Wrong: counts the items with [...items] and then iterates items again to subscribe, so a generator, which can be iterated only once, gives no subscriptions and the loop hangs.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const total = [...items].length;
  const arrived: Outcome<T>[] = [];
  let wake: (() => void) | undefined;
  for (const item of items) {
    Promise.resolve(item).then(
      (value) => {
        arrived.push({ ok: true, value });
        wake?.();
      },
      (error: unknown) => {
        arrived.push({ ok: false, error });
        wake?.();
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
