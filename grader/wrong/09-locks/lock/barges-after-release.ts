// Wrong: asyncio's shape without its care: release() marks the lock free and wakes the first waiter, which takes it when it runs, so a newcomer in between grabs the free-looking lock.
export interface AcquireOptions {
  signal?: AbortSignal;
}

export class Lock {
  #held = false;
  readonly #waiters: { wake: () => void }[] = [];

  locked(): boolean {
    return this.#held;
  }

  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    while (this.#held) {
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.#waiters.push(waiter);
      });
    }
    this.#held = true;
  }

  release(): void {
    if (!this.#held) throw new Error('the lock is not held');
    this.#held = false;
    this.#waiters.shift()?.wake();
  }

  async runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
