// Wrong: drain() waits with Promise.all, so it rejects with the first failure alone, as soon as it happens, instead of waiting for every task and reporting every failure.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

export class TaskTracker {
  readonly #tasks = new Map<Promise<unknown>, AbortController>();
  #closed = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TrackerClosedError();
    const controller = new AbortController();
    const promise = new Promise<T>((resolve) => resolve(fn(controller.signal)));
    this.#tasks.set(promise, controller);
    const remove = (): void => {
      this.#tasks.delete(promise);
    };
    promise.then(remove, remove);
    return promise;
  }

  get size(): number {
    return this.#tasks.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async drain(): Promise<void> {
    while (this.#tasks.size > 0) {
      const inFlight = [...this.#tasks.entries()].map(([promise, controller]) =>
        promise.catch((error: unknown) => {
          if (controller.signal.aborted && error === controller.signal.reason) return undefined;
          throw error;
        }),
      );
      await Promise.all(inFlight);
    }
  }

  shutdown(reason?: unknown): Promise<void> {
    this.#closed = true;
    for (const controller of this.#tasks.values()) controller.abort(reason);
    return this.drain();
  }
}
