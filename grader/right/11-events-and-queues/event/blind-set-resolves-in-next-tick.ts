// Right: set() takes the waiters off and removes their listeners at once, and resolves them in a process.nextTick callback of the same turn: nothing after set() can change the outcome, and the spec does not depend on the order of nextTick and promise callbacks
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
    const released = this.#waiters.splice(0);
    for (const waiter of released) waiter.detach();
    process.nextTick(() => {
      for (const waiter of released) waiter.resolve();
    });
  }

  clear(): void {
    this.#flag = false;
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
