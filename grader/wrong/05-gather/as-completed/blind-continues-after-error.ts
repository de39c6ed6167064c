// Wrong: a hand-written iterator that rejects the step of a failed item but keeps going, so a later next() gives the following results instead of done: true.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Waiter<T> = { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: Outcome<T>[] = [];
  const waiters: Waiter<T>[] = [];
  let undelivered = 0;
  let stopped = false;

  const deliver = (outcome: Outcome<T>, waiter: Waiter<T>) => {
    undelivered -= 1;
    if (outcome.ok) waiter.resolve({ value: outcome.value, done: false });
    else waiter.reject(outcome.error);
    if (undelivered === 0) {
      for (const extra of waiters.splice(0)) extra.resolve({ value: undefined, done: true });
    }
  };

  for (const item of items) {
    undelivered += 1;
    const arrive = (outcome: Outcome<T>) => {
      if (stopped) return;
      const waiter = waiters.shift();
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
      if (stopped || undelivered === 0) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T, undefined>>((resolve, reject) => {
        const outcome = arrived.shift();
        if (outcome) deliver(outcome, { resolve, reject });
        else waiters.push({ resolve, reject });
      });
    },
    return() {
      stopped = true;
      arrived.length = 0;
      for (const waiter of waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
