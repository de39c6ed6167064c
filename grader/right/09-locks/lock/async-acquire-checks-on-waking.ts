// Right: an async acquire that awaits a resolver kept in an array, and checks its signal once it wakes up, passing the lock on if it aborted in between.
export interface AcquireOptions {
  signal?: AbortSignal;
}

export class Lock {
  #held = false;
  readonly #queue: (() => void)[] = [];

  locked(): boolean {
    return this.#held;
  }

  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (!this.#held) {
      this.#held = true;
      return;
    }
    let wake!: () => void;
    let onAbort = (): void => {};
    const woken = new Promise<void>((resolve, reject) => {
      wake = resolve;
      onAbort = () => {
        const index = this.#queue.indexOf(wake);
        if (index === -1) return; // already handed the lock: dealt with once awake
        this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#queue.push(wake);
    try {
      await woken;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) {
      this.#passOn();
      throw signal.reason;
    }
  }

  release(): void {
    if (!this.#held) throw new Error('Lock is not acquired.');
    this.#passOn();
  }

  async runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  #passOn(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }
}
