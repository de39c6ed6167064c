// Wrong: subscribes to the items inside the async generator, whose body runs only at the first next(): items that settle before that come out in argument order, thenables start late and early failures go unhandled.
export async function* asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncGenerator<T, void, undefined> {
  const arrived: ({ ok: true; value: T } | { ok: false; error: unknown })[] = [];
  let wakeUp: (() => void) | undefined;
  let total = 0;
  for (const item of items) {
    total++;
    Promise.resolve(item).then(
      (value) => {
        arrived.push({ ok: true, value });
        wakeUp?.();
      },
      (error: unknown) => {
        arrived.push({ ok: false, error });
        wakeUp?.();
      },
    );
  }
  for (let taken = 0; taken < total; taken++) {
    while (arrived.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
    const outcome = arrived.shift()!;
    if (!outcome.ok) throw outcome.error;
    yield outcome.value;
  }
}
