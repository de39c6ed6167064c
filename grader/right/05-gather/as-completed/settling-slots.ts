// Right: one pre-made deferred per item, the k-th item to settle settling the k-th slot (each slot pre-marked as handled), and a generator that awaits the slots in order.
type Slot<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void };

function makeSlot<T>(): Slot<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const list = [...items];
  const slots = list.map(() => makeSlot<T>());
  let settledSoFar = 0;
  const nextSlot = (): Slot<T> => slots[settledSoFar++]!;

  for (const item of list) {
    Promise.resolve(item).then(
      (value) => nextSlot().resolve(value),
      (error: unknown) => nextSlot().reject(error),
    );
  }

  return (async function* () {
    for (const slot of slots) {
      yield await slot.promise;
    }
  })();
}
