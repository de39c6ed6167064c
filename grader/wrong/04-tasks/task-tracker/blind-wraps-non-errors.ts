// Wrong: failures that are not `Error` objects are wrapped in a new `Error` in the `AggregateError`, so `errors` does not hold the very values the tasks rejected with.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class TaskTracker {
  #controllers = new Set<AbortController>();
  #failures: Array<{ index: number; error: unknown }> = [];
  #waiters: Waiter[] = [];
  #started = 0;
  #closed = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TrackerClosedError();
    const index = this.#started++;
    const controller = new AbortController();
    this.#controllers.add(controller);
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(fn(controller.signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      () => this.#done(controller),
      (error: unknown) => {
        const { signal } = controller;
        if (!(signal.aborted && error === signal.reason)) {
          this.#failures.push({ index, error });
        }
        this.#done(controller);
      },
    );
    return promise;
  }

  get size(): number {
    return this.#controllers.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  drain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      if (this.#controllers.size === 0) this.#wakeWaiters();
    });
  }

  shutdown(reason?: unknown): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      for (const controller of [...this.#controllers]) controller.abort(reason);
    }
    return this.drain();
  }

  #done(controller: AbortController): void {
    this.#controllers.delete(controller);
    if (this.#controllers.size === 0) this.#wakeWaiters();
  }

  #wakeWaiters(): void {
    if (this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    const errors = this.#takeFailures();
    const failure = new AggregateError(errors, `${errors.length} task(s) failed`);
    for (const waiter of waiters) {
      if (errors.length === 0) waiter.resolve();
      else waiter.reject(failure);
    }
  }

  #takeFailures(): unknown[] {
    const failures = this.#failures.sort((a, b) => a.index - b.index);
    this.#failures = [];
    return failures.map((failure) => (failure.error instanceof Error ? failure.error : new Error(String(failure.error))));
  }
}
