// Right: a plain counter plus a Map of live controllers; each task is watched by an async function, and concurrent drain() calls all get the very same pending promise.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

interface Pending {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class TaskTracker {
  #count = 0;
  #nextId = 0;
  #controllers = new Map<number, AbortController>();
  #failed = new Map<number, unknown>();
  #pending: Pending | undefined;
  #isClosed = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#isClosed) throw new TrackerClosedError();
    const id = this.#nextId++;
    const controller = new AbortController();
    this.#controllers.set(id, controller);
    this.#count += 1;
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(fn(controller.signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    void this.#watch(id, controller.signal, promise);
    return promise;
  }

  async #watch(id: number, signal: AbortSignal, promise: Promise<unknown>): Promise<void> {
    try {
      await promise;
    } catch (error) {
      if (!(signal.aborted && error === signal.reason)) this.#failed.set(id, error);
    } finally {
      this.#controllers.delete(id);
      this.#count -= 1;
      if (this.#count === 0) this.#settlePending();
    }
  }

  get size(): number {
    return this.#count;
  }

  get closed(): boolean {
    return this.#isClosed;
  }

  drain(): Promise<void> {
    if (this.#count === 0) {
      const failure = this.#takeFailure();
      return failure === undefined ? Promise.resolve() : Promise.reject(failure);
    }
    if (this.#pending === undefined) {
      let resolve: () => void = () => {};
      let reject: (error: unknown) => void = () => {};
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.#pending = { promise, resolve, reject };
    }
    return this.#pending.promise;
  }

  shutdown(reason?: unknown): Promise<void> {
    if (!this.#isClosed) {
      this.#isClosed = true;
      const live = Array.from(this.#controllers.values());
      for (const controller of live) controller.abort(reason);
    }
    return this.drain();
  }

  #settlePending(): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    const failure = this.#takeFailure();
    if (failure === undefined) pending.resolve();
    else pending.reject(failure);
  }

  #takeFailure(): AggregateError | undefined {
    if (this.#failed.size === 0) return undefined;
    const ids = [...this.#failed.keys()].sort((a, b) => a - b);
    const errors = ids.map((id) => this.#failed.get(id));
    this.#failed.clear();
    return new AggregateError(errors, `${errors.length} background task(s) failed`);
  }
}
