// Wrong: release() with waiters marks the lock free and lets the woken waiter take it when it runs (as asyncio does), so locked() is false across the hand-over instead of staying true.

/** Options of `acquire` and `runExclusive`. */
export interface AcquireOptions {
  /** Aborting it gives up waiting for the lock (asyncio: cancelling the task that waits in `acquire()`). */
  signal?: AbortSignal;
}

interface Waiter {
  /** Set by release(): this waiter has been woken and takes the lock when it runs. */
  woken: boolean;
  wake: () => void;
}

export class Lock {
  #held = false;
  readonly #queue: Waiter[] = [];

  locked(): boolean {
    return this.#held;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Like asyncio: take it at once only if it is free *and* nobody is still in line.
    if (!this.#held && this.#queue.length === 0) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        woken: false,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          // The woken waiter leaves the line only now, so nobody could barge in meanwhile.
          this.#queue.splice(this.#queue.indexOf(waiter), 1);
          if (signal?.aborted) {
            // Aborted after release() woke it: wake the next one, then reject.
            reject(signal.reason);
            this.#wakeFirst();
          } else {
            this.#held = true;
            resolve();
          }
        },
      };
      const onAbort = (): void => {
        if (waiter.woken) return; // the wake-up deals with it
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.reason);
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort);
    });
  }

  /** Wakes the first waiter (it stays in line until it runs and takes the lock). */
  #wakeFirst(): void {
    const first = this.#queue[0];
    if (first === undefined || first.woken) return;
    first.woken = true;
    queueMicrotask(first.wake);
  }

  release(): void {
    if (!this.#held) throw new Error('Lock is not acquired.');
    this.#held = false;
    this.#wakeFirst();
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
