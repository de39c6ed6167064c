// Wrong: it subscribes to the items inside the async generator's body, so nothing is subscribed until the first next(): the order of items that settled before the loop is lost and their rejections go unhandled meanwhile.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  return (async function* () {
    const arrived: Outcome<T>[] = [];
    let wake: (() => void) | undefined;
    let total = 0;
    for (const item of items) {
      total += 1;
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
