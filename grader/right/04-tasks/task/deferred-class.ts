// Right: a class whose outcome lives in plain fields and in a deferred promise (with a no-op catch) that `then` delegates to, started with queueMicrotask.
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

type State = 'pending' | 'succeeded' | 'failed' | 'cancelled';

class TaskImpl<T> implements Task<T> {
  #state: State = 'pending';
  #value: T | undefined;
  #error: unknown;
  readonly #controller = new AbortController();
  readonly #outcome: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (error: unknown) => void;
  #callbacks: Array<(task: Task<T>) => void> = [];

  constructor(fn: (signal: AbortSignal) => Promise<T>) {
    this.#outcome = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#outcome.catch(() => {});
    queueMicrotask(() => {
      if (this.#state !== 'pending') return;
      let promise: Promise<T>;
      try {
        promise = Promise.resolve(fn(this.#controller.signal));
      } catch (error) {
        this.#fail(error);
        return;
      }
      promise.then(
        (value) => this.#succeed(value),
        (error: unknown) => this.#fail(error),
      );
    });
  }

  #succeed(value: T): void {
    if (this.#state !== 'pending') return;
    this.#state = 'succeeded';
    this.#value = value;
    this.#resolve(value);
    this.#fireCallbacks();
  }

  #fail(error: unknown): void {
    if (this.#state !== 'pending') return;
    this.#state = 'failed';
    this.#error = error;
    this.#reject(error);
    this.#fireCallbacks();
  }

  #fireCallbacks(): void {
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const callback of callbacks) this.#schedule(callback);
  }

  #schedule(callback: (task: Task<T>) => void): void {
    queueMicrotask(() => {
      try {
        callback(this);
      } catch (error) {
        console.error('a done callback of a task threw:', error);
      }
    });
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#outcome.then(onFulfilled, onRejected);
  }

  done(): boolean {
    return this.#state !== 'pending';
  }

  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  result(): T {
    switch (this.#state) {
      case 'pending':
        throw new InvalidStateError();
      case 'succeeded':
        return this.#value as T;
      default:
        throw this.#error;
    }
  }

  exception(): unknown {
    switch (this.#state) {
      case 'pending':
        throw new InvalidStateError();
      case 'succeeded':
        return undefined;
      case 'failed':
        return this.#error;
      case 'cancelled':
        throw this.#error;
    }
  }

  cancel(message?: string): boolean {
    if (this.#state !== 'pending') return false;
    const error = new CancelledError(message);
    this.#state = 'cancelled';
    this.#error = error;
    this.#reject(error);
    this.#controller.abort(error);
    this.#fireCallbacks();
    return true;
  }

  addDoneCallback(callback: (task: Task<T>) => void): void {
    if (this.#state === 'pending') this.#callbacks.push(callback);
    else this.#schedule(callback);
  }
}

export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  return new TaskImpl(fn);
}
