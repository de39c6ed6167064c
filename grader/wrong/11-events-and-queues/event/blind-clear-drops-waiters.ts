// Wrong: clear() also empties the list of waiters, so a clear() on an event that is already clear abandons the pending wait() calls, which then never resolve.
export interface WaitOptions {
  signal?: AbortSignal;
}

interface Waiter {
  resolve: () => void;
  detach: () => void;
}

export class Event {
  #flag = false;
  #waiters: Waiter[] = [];

  isSet(): boolean {
    return this.#flag;
  }

  get nWaiting(): number {
    return this.#waiters.length;
  }

  set(): void {
    if (this.#flag) return;
    this.#flag = true;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.detach();
      waiter.resolve();
    }
  }

  clear(): void {
    this.#flag = false;
    for (const waiter of this.#waiters.splice(0)) waiter.detach();
  }

  wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#flag) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }
}
