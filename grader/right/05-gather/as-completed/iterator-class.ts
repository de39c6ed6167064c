// Right: a hand-written iterator class with a queue of arrived outcomes and a queue of waiting next() calls, resolving each waiter directly from the item's callback.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Waiter<T> = { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void };

class CompletionIterator<T> implements AsyncIterableIterator<T> {
  private readonly arrived: Outcome<T>[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private undelivered = 0;
  private finished = false;

  constructor(items: Iterable<T | PromiseLike<T>>) {
    for (const item of items) {
      this.undelivered += 1;
      Promise.resolve(item).then(
        (value) => this.arrive({ ok: true, value }),
        (error: unknown) => this.arrive({ ok: false, error }),
      );
    }
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.finished || this.undelivered === 0) return Promise.resolve({ value: undefined, done: true });
    return new Promise<IteratorResult<T, undefined>>((resolve, reject) => {
      const waiter = { resolve, reject };
      const outcome = this.arrived.shift();
      if (outcome === undefined) this.waiters.push(waiter);
      else this.deliver(outcome, waiter);
    });
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private arrive(outcome: Outcome<T>): void {
    if (this.finished) return;
    const waiter = this.waiters.shift();
    if (waiter === undefined) this.arrived.push(outcome);
    else this.deliver(outcome, waiter);
  }

  private deliver(outcome: Outcome<T>, waiter: Waiter<T>): void {
    this.undelivered -= 1;
    if (outcome.ok) {
      waiter.resolve({ value: outcome.value, done: false });
      if (this.undelivered === 0) this.finish();
    } else {
      waiter.reject(outcome.error);
      this.finish();
    }
  }

  private finish(): void {
    this.finished = true;
    this.arrived.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }
}

export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  return new CompletionIterator(items);
}
