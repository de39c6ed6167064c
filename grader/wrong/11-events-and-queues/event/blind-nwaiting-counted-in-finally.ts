// Wrong: nWaiting is a counter that wait() takes back down in a finally after its promise settles, so it is still up right after set() returns or the signal aborts, until the microtasks have run.
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
  #count = 0;

  isSet(): boolean {
    return this.#flag;
  }

  get nWaiting(): number {
    return this.#count;
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
  }

  async wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    if (this.#flag) return;
    this.#count++;
    try {
      await new Promise<void>((resolve, reject) => {
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
    } finally {
      this.#count--;
    }
  }
}
