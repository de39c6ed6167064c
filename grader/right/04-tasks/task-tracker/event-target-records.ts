// Right: one record per task in an insertion-ordered Map (failed records stay until reported), and drain() listens for an 'idle' event that an EventTarget dispatches synchronously when the last task settles.
export class TrackerClosedError extends Error {
  override name = 'TrackerClosedError';
  constructor(message = 'the tracker is shut down and accepts no new tasks') {
    super(message);
  }
}

type TaskRecord =
  | { state: 'running'; controller: AbortController }
  | { state: 'failed'; error: unknown };

class IdleEvent extends Event {
  readonly failure: AggregateError | null;
  constructor(failure: AggregateError | null) {
    super('idle');
    this.failure = failure;
  }
}

export class TaskTracker {
  private readonly records = new Map<symbol, TaskRecord>();
  private running = 0;
  private listening = 0;
  private readonly events = new EventTarget();
  private shutDown = false;

  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.shutDown) throw new TrackerClosedError();
    const key = Symbol('task');
    const controller = new AbortController();
    this.records.set(key, { state: 'running', controller });
    this.running++;
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(fn(controller.signal));
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      () => {
        this.records.delete(key);
        this.leave();
      },
      (error: unknown) => {
        const reason = controller.signal.aborted ? controller.signal.reason : undefined;
        if (controller.signal.aborted && error === reason) this.records.delete(key);
        else this.records.set(key, { state: 'failed', error });
        this.leave();
      },
    );
    return promise;
  }

  get size(): number {
    return this.running;
  }

  get closed(): boolean {
    return this.shutDown;
  }

  drain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.listening++;
      this.events.addEventListener(
        'idle',
        (event) => {
          const { failure } = event as IdleEvent;
          if (failure === null) resolve();
          else reject(failure);
        },
        { once: true },
      );
      if (this.running === 0) this.announceIdle();
    });
  }

  shutdown(reason?: unknown): Promise<void> {
    if (!this.shutDown) {
      this.shutDown = true;
      const live: AbortController[] = [];
      for (const record of this.records.values()) {
        if (record.state === 'running') live.push(record.controller);
      }
      for (const controller of live) controller.abort(reason);
    }
    return this.drain();
  }

  private leave(): void {
    this.running--;
    if (this.running === 0) this.announceIdle();
  }

  private announceIdle(): void {
    if (this.listening === 0) return;
    this.listening = 0;
    const errors: unknown[] = [];
    for (const [key, record] of this.records) {
      if (record.state === 'failed') {
        errors.push(record.error);
        this.records.delete(key);
      }
    }
    const failure = errors.length > 0 ? new AggregateError(errors, `${errors.length} task(s) failed`) : null;
    this.events.dispatchEvent(new IdleEvent(failure));
  }
}
