// Wrong: writes the k-th result to settle into slot k and waits while the next slot is undefined, so an item that fulfils with undefined is taken for one that has not arrived yet and the loop hangs.
export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const values: (T | undefined)[] = [];
  const errors = new Map<number, unknown>();
  let settled = 0;
  let wake: (() => void) | undefined;
  let total = 0;
  const arrived = (): void => {
    const wakeUp = wake;
    wake = undefined;
    wakeUp?.();
  };
  for (const item of items) {
    total++;
    Promise.resolve(item).then(
      (value) => {
        values[settled++] = value;
        arrived();
      },
      (error: unknown) => {
        errors.set(settled, error);
        values[settled++] = undefined;
        arrived();
      },
    );
  }
  return (async function* () {
    for (let taken = 0; taken < total; taken++) {
      while (values[taken] === undefined && !errors.has(taken)) await new Promise<void>((resolve) => (wake = resolve));
      if (errors.has(taken)) throw errors.get(taken);
      yield values[taken] as T;
    }
  })();
}
