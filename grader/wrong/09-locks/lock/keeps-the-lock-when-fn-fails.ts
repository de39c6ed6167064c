// Wrong: runExclusive releases only when fn succeeds: a failing fn keeps the lock for ever.
export interface AcquireOptions {
  signal?: AbortSignal;
}

export class Lock {
  #held = false;
  readonly #waiters: Waiter[] = [];

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
        granted: false,
        wake: () => {
          waiter.granted = true;
          // Wake up in a microtask, not inside release(): an abort in between still counts.
          queueMicrotask(() => {
            if (signal?.aborted) return; // onAbort has passed the lock on and rejected
            signal?.removeEventListener('abort', onAbort);
            resolve();
          });
        },
      };
      const onAbort = (): void => {
        if (waiter.granted) this.#handOver();
        else this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  release(): void {
    if (!this.#held) throw new Error('release() of a lock that is not held');
    this.#handOver();
  }

  runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    return this.acquire(options).then(async () => {
      const value = await fn();
      this.release();
      return value;
    });
  }

  #handOver(): void {
    const next = this.#waiters.shift();
    if (next) next.wake();
    else this.#held = false;
  }
}

interface Waiter {
  granted: boolean;
  wake(): void;
}
