// Wrong: each step races the items still remaining, so when several have settled by the time the loop asks (or before it starts) they come in argument order instead of the order they settled.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const remaining = new Map<number, Promise<[number, Outcome<T>]>>();
  let index = 0;
  for (const item of items) {
    const position = index++;
    remaining.set(
      position,
      Promise.resolve(item).then(
        (value): [number, Outcome<T>] => [position, { ok: true, value }],
        (error: unknown): [number, Outcome<T>] => [position, { ok: false, error }],
      ),
    );
  }

  return (async function* () {
    while (remaining.size > 0) {
      const [position, outcome] = await Promise.race(remaining.values());
      remaining.delete(position);
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  })();
}
