// Right: no stored promise at all; the task keeps a list of internal listeners that it calls when it settles, and each `then` builds a fresh Promise from that list.
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the task was cancelled') {
    super(message);
  }
}

export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
  constructor(message = 'the task is not done yet') {
    super(message);
  }
}

export interface Task<T> extends PromiseLike<T> {
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  done(): boolean;
  cancelled(): boolean;
  result(): T;
  exception(): unknown;
  cancel(message?: string): boolean;
  addDoneCallback(callback: (task: Task<T>) => void): void;
}

class ListenerTask<T> implements Task<T> {
  private isDone = false;
  private wasCancelled = false;
  private failed = false;
  private value: T | undefined = undefined;
  private error: unknown = undefined;
  private listeners: Array<() => void> = [];
  private readonly controller = new AbortController();
  private started = false;
  private readonly fn: (signal: AbortSignal) => Promise<T>;

  constructor(fn: (signal: AbortSignal) => Promise<T>) {
    this.fn = fn;
    queueMicrotask(() => this.start());
  }

  private start(): void {
    if (this.isDone || this.started) return;
    this.started = true;
    let pending: PromiseLike<T>;
    try {
      pending = this.fn(this.controller.signal);
    } catch (error) {
      this.settle(false, undefined, error);
      return;
    }
    Promise.resolve(pending).then(
      (value) => this.settle(true, value, undefined),
      (error: unknown) => this.settle(false, undefined, error),
    );
  }

  private settle(ok: boolean, value: T | undefined, error: unknown): void {
    if (this.isDone) return;
    this.isDone = true;
    this.failed = !ok;
    this.value = value;
    this.error = error;
    this.notify();
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  /** Runs `listener` synchronously when the task is done, or right now if it is done already. */
  private whenDone(listener: () => void): void {
    if (this.isDone) listener();
    else this.listeners.push(listener);
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const outcome = new Promise<T>((resolve, reject) => {
      this.whenDone(() => {
        if (this.failed) reject(this.error);
        else resolve(this.value as T);
      });
    });
    return outcome.then(onFulfilled, onRejected);
  }

  done(): boolean {
    return this.isDone;
  }

  cancelled(): boolean {
    return this.wasCancelled;
  }

  result(): T {
    if (!this.isDone) throw new InvalidStateError();
    if (this.failed) throw this.error;
    return this.value as T;
  }

  exception(): unknown {
    if (!this.isDone) throw new InvalidStateError();
    if (this.wasCancelled) throw this.error;
    return this.failed ? this.error : undefined;
  }

  cancel(message?: string): boolean {
    if (this.isDone) return false;
    const error = new CancelledError(message);
    this.wasCancelled = true;
    this.settle(false, undefined, error);
    this.controller.abort(error);
    return true;
  }

  addDoneCallback(callback: (task: Task<T>) => void): void {
    this.whenDone(() =>
      queueMicrotask(() => {
        try {
          callback(this);
        } catch (error) {
          console.error('a done callback of a task threw:', error);
        }
      }),
    );
  }
}

export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  return new ListenerTask(fn);
}
