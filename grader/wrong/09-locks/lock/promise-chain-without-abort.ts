// Wrong: the classic promise-chain mutex: fair and exclusive, but a signal that aborts while waiting is ignored (the waiter still gets the lock later).
export interface AcquireOptions {
  signal?: AbortSignal;
}

export class Lock {
  #tail: Promise<void> = Promise.resolve();
  #held = false;
  #pending = 0;
  #releaseCurrent: (() => void) | undefined;

  locked(): boolean {
    return this.#held || this.#pending > 0;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const previous = this.#tail;
    let releaseMine!: () => void;
    this.#tail = new Promise<void>((resolve) => (releaseMine = resolve));
    this.#pending++;
    if (!this.#held) {
      this.#held = true;
      this.#pending--;
      this.#releaseCurrent = releaseMine;
      return Promise.resolve();
    }
    return previous.then(() => {
      this.#pending--;
      this.#held = true;
      this.#releaseCurrent = releaseMine;
    });
  }

  release(): void {
    if (!this.#held) throw new Error('the lock is not held');
    this.#held = false;
    const current = this.#releaseCurrent;
    this.#releaseCurrent = undefined;
    current?.();
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
