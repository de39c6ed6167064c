// Right: a Set of per-task AbortControllers is the count, and drain() parks its resolve/reject in a list that is settled in one go, with one shared AggregateError, when the set empties.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

interface Failure {
  order: number;
  error: unknown;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class TaskTracker {
  #inFlight = new Set<AbortController>();
  #failures: Failure[] = [];
  #waiters: Waiter[] = [];
  #started = 0;
  #closed = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TrackerClosedError();
    const order = this.#started++;
    const controller = new AbortController();
    this.#inFlight.add(controller);
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(fn(controller.signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      () => this.#settled(controller),
      (error: unknown) => {
        const { signal } = controller;
        const cancelled = signal.aborted && error === signal.reason;
        if (!cancelled) this.#failures.push({ order, error });
        this.#settled(controller);
      },
    );
    return promise;
  }

  get size(): number {
    return this.#inFlight.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  drain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      if (this.#inFlight.size === 0) this.#report();
    });
  }

  shutdown(reason?: unknown): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      for (const controller of [...this.#inFlight]) controller.abort(reason);
    }
    return this.drain();
  }

  #settled(controller: AbortController): void {
    this.#inFlight.delete(controller);
    if (this.#inFlight.size === 0) this.#report();
  }

  #report(): void {
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    const failures = this.#failures.sort((a, b) => a.order - b.order);
    this.#failures = [];
    if (failures.length === 0) {
      for (const waiter of waiters) waiter.resolve();
      return;
    }
    const error = new AggregateError(
      failures.map((failure) => failure.error),
      `${failures.length} task(s) failed`,
    );
    for (const waiter of waiters) waiter.reject(error);
  }
}
