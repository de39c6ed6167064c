// Reference solution: a task tracker that never loses a task

// Stryker disable all: the error class is given by the stub; the learner writes TaskTracker.
/** Thrown by `run()` once the tracker has been shut down. */
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}
// Stryker restore all

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
 * Keeps track of background work: counts the tasks in flight, collects their failures, waits for
 * all of them with `drain()`, and stops them with `shutdown()`.
 *
 * A task is one call of `run(fn)`: it is in flight from that call until the promise of `fn`
 * settles. It fails if that promise rejects, unless it was cancelled (see `shutdown`). Every
 * failure is kept until a `drain()` or `shutdown()` reports it, whether or not the caller of
 * `run()` also awaited that task and saw the error.
 */
export class TaskTracker {
  /** The AbortController of every task in flight, by start order. */
  readonly #inFlight = new Map<number, AbortController>();
  #failures: Failure[] = [];
  #waiters: Waiter[] = [];
  #started = 0;
  #closed = false;

  /**
   * Starts a task: calls `fn` at once, before `run` returns (as calling an async function does),
   * with an `AbortSignal` that only `shutdown()` aborts.
   *
   * Returns a promise that settles as the promise of `fn` does: the same value or the same error.
   * The caller may await it, or ignore it: a task that fails while nobody awaits its promise
   * causes no unhandled rejection, because the tracker keeps its error for `drain()`.
   * If `fn` throws synchronously, `run` does not throw: the task fails with what `fn` threw,
   * exactly as if `fn` had returned a promise rejected with it.
   *
   * Throws `TrackerClosedError` synchronously, without calling `fn`, once `shutdown()` has been called.
   */
  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TrackerClosedError();
    const order = this.#started++;
    const controller = new AbortController();
    // In flight from this call on, while fn runs too.
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

  /**
   * The number of tasks in flight: started by `run()` and not settled yet. A task counts from the
   * moment `run()` is called, while `fn` runs too: right after `run` returns, `size` includes it,
   * even when `fn` has thrown or returned a promise that is already settled (like anyone, the
   * tracker learns that on a microtask). It leaves the count the moment its promise settles
   * (successfully or not), before anyone awaiting it resumes.
   */
  get size(): number {
    return this.#inFlight.size;
  }

  /** `false` until `shutdown()` is first called, `true` from then on. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Waits until no task is in flight, then reports the failures.
   *
   * - It settles at the first moment `size` is 0: during the `drain()` call itself if nothing is
   *   in flight (its callbacks run on a microtask, as for any promise), otherwise the moment the
   *   last task in flight settles. Tasks started while it waits, even by other tasks, are waited
   *   for too; a task started after that moment (right after `drain()` returns, or by code that
   *   awaited the last task) is not. It settles on the spot, unlike the lesson's loop
   *   `while (size > 0) await Promise.allSettled(…)`. It never cancels anything.
   * - Then, if tasks have failed since the tracker was created or since the last report, it rejects
   *   with an `AggregateError` whose `errors` are those failures (the very values the tasks
   *   rejected with, `Error`s or not), in the order of their `run()` calls (a task started inside
   *   another task's `fn` comes after that task); otherwise it resolves with `undefined`.
   * - Each failure is reported once: a later `drain()` does not report it again, and of two
   *   `drain()` calls made one after the other with nothing in flight, only the first reports it.
   *   Several `drain()` (or `shutdown()`) calls waiting at the same time settle together, with the
   *   same outcome: they all resolve, or all reject with the very same `AggregateError`.
   */
  drain(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      if (this.#inFlight.size === 0) this.#report();
    });
  }

  /**
   * Shuts the tracker down: from this call on, `closed` is `true` and `run()` throws
   * `TrackerClosedError`. Then, before returning, aborts the signal of every task in flight with
   * `reason` (as `controller.abort(reason)` does: when `reason` is undefined, the signal's reason is
   * a `DOMException` named `AbortError`; any other value, `null` or `0` too, is the reason as it
   * is); the signals of tasks that have already settled are left alone. An abort listener that
   * calls `run()` therefore gets `TrackerClosedError`. Finally waits and reports exactly as
   * `drain()` does.
   *
   * A task whose signal was aborted by `shutdown()` and that then rejects with that signal's
   * `reason` (the same object) was cancelled, not failed: it is not reported. Any other error it
   * rejects with is a failure, and so is any rejection of a task whose signal was not aborted
   * (even one with `undefined`). Calling `shutdown()` again aborts nothing new and waits the same way.
   */
  shutdown(reason?: unknown): Promise<void> {
    this.#closed = true;
    for (const controller of this.#inFlight.values()) controller.abort(reason);
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
