// Wrong: When the wait for the lock rejects (signal aborted), runExclusive still runs its `finally` release(): it releases a lock it never held (someone else's) or, on a free lock, rejects with the release() Error instead of signal.reason.

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
    try {
      await this.acquire(options);
      return await fn();
    } finally {
      this.release();
    }
  }
}
