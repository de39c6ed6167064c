// Wrong: `shutdown(reason)` treats any falsy reason (`null`, `0`, `''`) as absent and aborts with the default `AbortError`.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

interface Failure {
  /** Start order of the task, for reporting failures in the order the tasks were started. */
  readonly order: number;
  readonly error: unknown;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Counts the tasks in flight, keeps each one's AbortController until it settles, collects
 * failures, and settles every waiting drain() at the moment the count drops to 0.
 */
export class TaskTracker {
  /** The AbortController of every task in flight, by start order. */
  readonly #inFlight = new Map<number, AbortController>();
  #failures: Failure[] = [];
  #waiters: Waiter[] = [];
  #started = 0;
  #closed = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TrackerClosedError();
    const order = this.#started++;
    const controller = new AbortController();
    this.#inFlight.set(order, controller);
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(fn(controller.signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    // Attached before anyone else can attach theirs, so the bookkeeping runs first; and since it
    // handles the rejection, a caller who ignores the promise causes no unhandled rejection.
    promise.then(
      () => this.#settled(order),
      (error: unknown) => {
        const { signal } = controller;
        const cancelled = signal.aborted && error === signal.reason;
        if (!cancelled) this.#failures.push({ order, error });
        this.#settled(order);
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
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      if (this.#inFlight.size === 0) this.#report();
    });
  }

  shutdown(reason?: unknown): Promise<void> {
    this.#closed = true;
    for (const controller of this.#inFlight.values()) {
      if (reason) controller.abort(reason);
      else controller.abort();
    }
    return this.drain();
  }

  #settled(order: number): void {
    this.#inFlight.delete(order);
    if (this.#inFlight.size === 0) this.#report();
  }

  /** Settles every waiting drain() with the failures not reported yet, and forgets them. */
  #report(): void {
    if (this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    const errors = this.#failures.sort((a, b) => a.order - b.order).map((failure) => failure.error);
    this.#failures = [];
    if (errors.length === 0) {
      for (const waiter of waiters) waiter.resolve();
      return;
    }
    const error = new AggregateError(errors, `${errors.length} ${errors.length === 1 ? 'task' : 'tasks'} failed`);
    for (const waiter of waiters) waiter.reject(error);
  }
}
