// Wrong: drops the items that reject instead of throwing their error at their turn, so a failure goes unnoticed.
export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: T[] = [];
  let wakeUp: (() => void) | undefined;
  let remaining = 0;
  const wake = (): void => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  for (const item of items) {
    remaining++;
    Promise.resolve(item).then(
      (value) => {
        arrived.push(value);
        wake();
      },
      () => {
        remaining--;
        wake();
      },
    );
  }
  async function* results(): AsyncGenerator<T, void, undefined> {
    while (remaining > 0) {
      while (arrived.length === 0 && remaining > 0) await new Promise<void>((resolve) => (wakeUp = resolve));
      if (arrived.length === 0) return;
      remaining--;
      yield arrived.shift()!;
    }
  }
  return results();
}
