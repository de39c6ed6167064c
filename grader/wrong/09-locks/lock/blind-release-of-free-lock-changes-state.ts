// Wrong: release() on a free lock throws, but only after adding a permit, so the lock no longer "stays free, unchanged": after a double release two callers can hold it at once.

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
  #permits = 1; // 1: free, 0: held
  readonly #queue: Waiter[] = [];

  locked(): boolean {
    return this.#permits < 1;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#permits > 0) {
      this.#permits -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        handed: false,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) {
            // Aborted after release() handed it the lock: pass the lock on, then reject.
            reject(signal.reason);
            this.#handOn();
          } else {
            resolve();
          }
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
      this.#permits += 1;
      if (this.#permits > 1) throw new Error('Lock is not acquired.');
      return;
    }
    next.handed = true;
    queueMicrotask(next.wake);
  }

  release(): void {
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
