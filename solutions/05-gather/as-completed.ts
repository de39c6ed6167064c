// Reference solution: asCompleted as an async iterator

/**
 * Yields the results of `items` in the order they settle. Subscribes to every item when it is
 * called; a rejection is thrown by the iteration step at its turn, and ends the iteration.
 */
export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  type Outcome = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
  const arrived: Outcome[] = [];
  let wakeUp: (() => void) | undefined;
  const arrive = (outcome: Outcome): void => {
    arrived.push(outcome);
    const wake = wakeUp;
    wakeUp = undefined;
    wake?.();
  };

  // Subscribe now, not when the iteration starts: the order is the order in which items settle,
  // even if nobody iterates yet, and every rejection is handled from the start.
  let total = 0;
  for (const item of items) {
    total++;
    Promise.resolve(item).then(
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }

  // An async generator runs its body only when next() is first called, and queues next() calls
  // that come before the previous one has resolved.
  async function* results(): AsyncGenerator<T, void, undefined> {
    for (let taken = 0; taken < total; taken++) {
      while (arrived.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
      const outcome = arrived.shift()!;
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  }
  return results();
}
