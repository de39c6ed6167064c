// Wrong: the already-aborted check is made only when the event is set, so wait() with an already-aborted signal on a clear event becomes a waiter that never rejects and resolves at the next set().
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
  }

  wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (this.#flag) {
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    }
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
