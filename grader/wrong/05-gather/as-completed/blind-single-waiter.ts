// Wrong: a hand-written iterator that remembers only one waiting next() call, so a second next() made before the first resolves replaces it and the first one never resolves.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Waiter<T> = { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: Outcome<T>[] = [];
  let waiting: Waiter<T> | undefined;
  let undelivered = 0;
  let finished = false;

  const deliver = (outcome: Outcome<T>, waiter: Waiter<T>) => {
    undelivered -= 1;
    if (outcome.ok) {
      waiter.resolve({ value: outcome.value, done: false });
      if (undelivered === 0) finished = true;
    } else {
      waiter.reject(outcome.error);
      finished = true;
    }
  };

  for (const item of items) {
    undelivered += 1;
    const arrive = (outcome: Outcome<T>) => {
      if (finished) return;
      const waiter = waiting;
      waiting = undefined;
      if (waiter) deliver(outcome, waiter);
      else arrived.push(outcome);
    };
    Promise.resolve(item).then(
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (finished || undelivered === 0) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T, undefined>>((resolve, reject) => {
        const outcome = arrived.shift();
        if (outcome) deliver(outcome, { resolve, reject });
        else waiting = { resolve, reject };
      });
    },
    return() {
      finished = true;
      arrived.length = 0;
      waiting?.resolve({ value: undefined, done: true });
      waiting = undefined;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
