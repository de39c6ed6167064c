// Wrong: a faithful port of asyncio's Lock: release() marks the lock free and wakes the first waiter, which marks it held when it runs, so locked() is false during the hand-over (newcomers still queue, as in asyncio).
export interface AcquireOptions {
  signal?: AbortSignal;
}

interface Waiter {
  done: boolean;
  cancelled: boolean;
  wake(): void;
}

export class Lock {
  #locked = false;
  readonly #waiters: Waiter[] = [];

  locked(): boolean {
    return this.#locked;
  }

  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (!this.#locked && this.#waiters.every((waiter) => waiter.cancelled)) {
      this.#locked = true;
      return;
    }
    let onAbort = (): void => {};
    const waiter: Waiter = { done: false, cancelled: false, wake: () => {} };
    const woken = new Promise<void>((resolve, reject) => {
      waiter.wake = () => {
        waiter.done = true;
        resolve();
      };
      onAbort = () => {
        if (waiter.done) return;
        waiter.cancelled = true;
        waiter.done = true;
        reject(signal?.reason);
      };
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#waiters.push(waiter);
    try {
      try {
        await woken;
      } finally {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        signal?.removeEventListener('abort', onAbort);
      }
    } catch (error) {
      if (!this.#locked) this.#wakeUpFirst();
      throw error;
    }
    if (signal?.aborted) {
      this.#wakeUpFirst();
      throw signal.reason;
    }
    this.#locked = true;
  }

  release(): void {
    if (!this.#locked) throw new Error('Lock is not acquired.');
    this.#locked = false;
    this.#wakeUpFirst();
  }

  async runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  #wakeUpFirst(): void {
    const first = this.#waiters[0];
    if (first && !first.done) first.wake();
  }
}
