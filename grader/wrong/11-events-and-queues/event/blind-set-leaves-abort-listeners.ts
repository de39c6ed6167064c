// Wrong: set() releases its waiters without removing their abort listeners, so a wait() released by set() leaves its listener on the signal.
export interface WaitOptions {
  signal?: AbortSignal;
}

export class Event {
  #flag = false;
  #waiters = new Set<() => void>();

  isSet(): boolean {
    return this.#flag;
  }

  get nWaiting(): number {
    return this.#waiters.size;
  }

  set(): void {
    if (this.#flag) return;
    this.#flag = true;
    const released = [...this.#waiters];
    this.#waiters.clear();
    for (const resolve of released) resolve();
  }

  clear(): void {
    this.#flag = false;
  }

  wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#flag) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = (): void => resolve();
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.#waiters.delete(waiter)) return;
          reject(signal.reason);
        },
        { once: true },
      );
      this.#waiters.add(waiter);
    });
  }
}
