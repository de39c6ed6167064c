// Right: waiters in an insertion-ordered Set; release() resolves the first waiter's inner ticket at once, and a late abort passes the lock on immediately, in the abort listener, while the ticket's .then turns the wake-up into a rejection.

/** Options of `acquire` and `runExclusive`. */
export interface AcquireOptions {
  /** Aborting it gives up waiting for the lock (asyncio: cancelling the task that waits in `acquire()`). */
  signal?: AbortSignal;
}

interface Waiter {
  /** Called by release(): the lock is now this waiter's, unless it aborts before it wakes. */
  hand: () => void;
}

export class Lock {
  #held = false;
  readonly #waiters = new Set<Waiter>();

  locked(): boolean {
    return this.#held;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const signal = options.signal;
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (!this.#held && this.#waiters.size === 0) {
      this.#held = true;
      return Promise.resolve();
    }
    let handed = false;
    let gaveUp = false;
    let waiter!: Waiter;
    let cleanup: () => void = () => {};
    const ticket = new Promise<void>((resolve, reject) => {
      waiter = {
        hand: () => {
          handed = true;
          resolve();
        },
      };
      if (signal === undefined) return;
      const onAbort = (): void => {
        signal.removeEventListener('abort', onAbort);
        if (!handed) {
          this.#waiters.delete(waiter);
          reject(signal.reason);
        } else {
          // Handed the lock but not awake yet: give it straight to the next one.
          gaveUp = true;
          this.#passOn();
        }
      };
      signal.addEventListener('abort', onAbort);
      // The wake-up below removes the listener; keep a reference for it.
      cleanup = () => signal.removeEventListener('abort', onAbort);
    });
    this.#waiters.add(waiter);
    return ticket.then(() => {
      cleanup();
      if (gaveUp) throw signal!.reason;
    });
  }

  #passOn(): void {
    const first = this.#waiters.values().next();
    if (first.done) {
      this.#held = false;
      return;
    }
    this.#waiters.delete(first.value);
    first.value.hand();
  }

  release(): void {
    if (!this.#held) throw new Error('Lock is not acquired.');
    this.#passOn();
  }

  runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    return this.acquire(options).then(() => {
      let result: PromiseLike<T> | T;
      try {
        result = fn();
      } catch (error) {
        this.release();
        throw error;
      }
      return Promise.resolve(result).then(
        (value) => {
          this.release();
          return value;
        },
        (error: unknown) => {
          this.release();
          throw error;
        },
      );
    });
  }
}
