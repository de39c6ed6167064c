// Wrong: the k-th item to settle settles the k-th pre-made slot promise, but a slot that rejects before the loop reaches it (or after the loop stopped) has no handler and is reported as an unhandled rejection.
type Slot<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void };

function makeSlot<T>(): Slot<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const list = [...items];
  const slots = list.map(() => makeSlot<T>());
  let settledSoFar = 0;

  for (const item of list) {
    Promise.resolve(item).then(
      (value) => slots[settledSoFar++]!.resolve(value),
      (error: unknown) => slots[settledSoFar++]!.reject(error),
    );
  }

  return (async function* () {
    for (const slot of slots) {
      yield await slot.promise;
    }
  })();
}
