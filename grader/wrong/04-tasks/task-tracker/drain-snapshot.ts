// Wrong: drain() waits only for the tasks in flight when it is called (one Promise.allSettled over a snapshot), not for tasks started while it waits.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

export class TaskTracker {
  readonly #tasks = new Map<Promise<unknown>, { order: number; controller: AbortController }>();
  #failures: { order: number; error: unknown }[] = [];
  #started = 0;
  #closed = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TrackerClosedError();
    const order = this.#started++;
    const controller = new AbortController();
    const promise = new Promise<T>((resolve) => resolve(fn(controller.signal)));
    this.#tasks.set(promise, { order, controller });
    promise.then(
      () => this.#tasks.delete(promise),
      (error: unknown) => {
        this.#tasks.delete(promise);
        if (!(controller.signal.aborted && error === controller.signal.reason)) this.#failures.push({ order, error });
      },
    );
    return promise;
  }

  get size(): number {
    return this.#tasks.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.#tasks.keys()]);
    const errors = this.#failures.sort((a, b) => a.order - b.order).map((failure) => failure.error);
    this.#failures = [];
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} tasks failed`);
  }

  shutdown(reason?: unknown): Promise<void> {
    this.#closed = true;
    for (const { controller } of this.#tasks.values()) controller.abort(reason);
    return this.drain();
  }
}
