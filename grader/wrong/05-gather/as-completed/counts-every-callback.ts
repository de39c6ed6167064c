// Wrong: subscribes to a thenable by calling its then itself (a microtask later, as Promise.resolve would, inside a try) but queues every callback it makes, so a thenable that calls back more than once gives more than one outcome.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

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
    const onValue = (value: unknown): void => {
      Promise.resolve(value).then(
        (inner) => arrive({ ok: true, value: inner as T }),
        (error: unknown) => arrive({ ok: false, error }),
      );
    };
    const onError = (error: unknown): void => arrive({ ok: false, error });
    if (item instanceof Promise || !isThenable(item)) {
      Promise.resolve(item).then((value) => arrive({ ok: true, value }), onError);
      continue;
    }
    queueMicrotask(() => {
      try {
        item.then(onValue, onError);
      } catch (error) {
        onError(error);
      }
    });
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
