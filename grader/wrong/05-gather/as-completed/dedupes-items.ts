// Wrong: puts the items in a Set first, as asyncio's as_completed does, so a promise passed twice gives its result once instead of once per item.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const unique = new Set(items);
  const arrived: Outcome<T>[] = [];
  let wake: (() => void) | undefined;
  for (const item of unique) {
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
    for (let taken = 0; taken < unique.size; taken++) {
      while (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const outcome = arrived.shift()!;
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  })();
}
