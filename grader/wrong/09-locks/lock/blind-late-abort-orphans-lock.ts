// Wrong: An abort just after release() handed the lock to the waiter rejects that acquire() but never passes the lock on, so the lock stays held by nobody and every later caller waits for ever.

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
          signal?.removeEventListener('abort', onAbort);
          resolve(); // a no-op if the abort already rejected it
        },
      };
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index !== -1) this.#queue.splice(index, 1);
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
    queueMicrotask(next.wake);
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
