// Wrong: An abort that comes just after release() handed the lock to the waiter (same synchronous code) is ignored: acquire() resolves and the waiter holds the lock instead of rejecting and passing it on.

/** Options of `acquire` and `runExclusive`. */
export interface AcquireOptions {
  /** Aborting it gives up waiting for the lock (asyncio: cancelling the task that waits in `acquire()`). */
  signal?: AbortSignal;
}

interface Waiter {
  /** Set by release(): the lock is this waiter's now, unless it aborts before it wakes. */
  handed: boolean;
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
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        handed: false,
        wake: () => {
          // It has the lock now: the signal no longer matters.
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        if (waiter.handed) return; // the wake-up deals with it
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.reason);
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort);
    });
  }

  /** Hands the lock to the first waiter (it wakes in a microtask), or frees it. */
  #handOn(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#held = false;
      return;
    }
    next.handed = true;
    next.wake(); // its acquire() resolves, and its code runs in a microtask
  }

  release(): void {
    if (!this.#held) throw new Error('Lock is not acquired.');
    this.#handOn();
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
