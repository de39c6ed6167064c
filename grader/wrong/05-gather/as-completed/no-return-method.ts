// Wrong: a hand-written iterator without a return() method, so a break does not end the iteration and a later next() gives the next result instead of done: true.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Waiter<T> = { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void };

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  const arrived: Outcome<T>[] = [];
  const waiters: Waiter<T>[] = [];
  let undelivered = 0;
  let finished = false;

  const finish = (): void => {
    finished = true;
    arrived.length = 0;
    for (const waiter of waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  };
  const deliver = (outcome: Outcome<T>, waiter: Waiter<T>): void => {
    undelivered--;
    if (outcome.ok) {
      waiter.resolve({ value: outcome.value, done: false });
      if (undelivered === 0) finish();
    } else {
      waiter.reject(outcome.error);
      finish();
    }
  };
  for (const item of items) {
    undelivered++;
    Promise.resolve(item).then(
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }
  function arrive(outcome: Outcome<T>): void {
    if (finished) return;
    const waiter = waiters.shift();
    if (waiter) deliver(outcome, waiter);
    else arrived.push(outcome);
  }

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (finished || undelivered === 0) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T, undefined>>((resolve, reject) => {
        const outcome = arrived.shift();
        if (outcome) deliver(outcome, { resolve, reject });
        else waiters.push({ resolve, reject });
      });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
