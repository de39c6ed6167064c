// Wrong: an abort while waiting rejects with an Error made from signal.reason when the reason is not an Error, instead of with signal.reason as it is.
export interface WaitOptions {
  signal?: AbortSignal;
}

interface Waiter {
  resolve: () => void;
  detach: () => void;
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
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
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#flag) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(toError(signal?.reason));
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
