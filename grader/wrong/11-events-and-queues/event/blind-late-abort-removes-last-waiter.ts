// Wrong: the abort listener is removed only once the promise has settled, and the abort handler does not check that its wait() is still a waiter, so an abort right after set() splices out the newest waiter of the list.
export interface WaitOptions {
  signal?: AbortSignal;
}

export class Event {
  #flag = false;
  #waiters: (() => void)[] = [];

  isSet(): boolean {
    return this.#flag;
  }

  get nWaiting(): number {
    return this.#waiters.length;
  }

  set(): void {
    if (this.#flag) return;
    this.#flag = true;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  clear(): void {
    this.#flag = false;
  }

  wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#flag) return Promise.resolve();
    let onAbort = (): void => {};
    const promise = new Promise<void>((resolve, reject) => {
      onAbort = () => {
        this.#waiters.splice(this.#waiters.indexOf(resolve), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort);
      this.#waiters.push(resolve);
    });
    promise.then(
      () => signal?.removeEventListener('abort', onAbort),
      () => signal?.removeEventListener('abort', onAbort),
    );
    return promise;
  }
}
