// Wrong: the task aborts its signal whenever it ends (with `undefined`, i.e. an AbortError, on success and with the error on failure), not only on `cancel()`.
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
  #controller = new AbortController();
  #promise: Promise<T>;
  #resolve: (value: T) => void = () => {};
  #reject: (error: unknown) => void = () => {};
  #callbacks: Array<(task: Task<T>) => void> = [];

  constructor(fn: (signal: AbortSignal) => Promise<T>) {
    this.#promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#promise.catch(() => {});
    queueMicrotask(() => this.#start(fn));
  }

  #start(fn: (signal: AbortSignal) => Promise<T>): void {
    if (this.#state !== 'pending') return;
    try {
      fn(this.#controller.signal).then(
        (value) => this.#finish('succeeded', value, undefined),
        (error: unknown) => this.#finish('failed', undefined, error),
      );
    } catch (error) {
      this.#finish('failed', undefined, error);
    }
  }

  #finish(state: State, value: T | undefined, error: unknown): void {
    if (this.#state !== 'pending') return;
    this.#state = state;
    this.#value = value;
    this.#error = error;
    this.#controller.abort(error);
    if (state === 'succeeded') this.#resolve(value as T);
    else this.#reject(error);
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const callback of callbacks) this.#callSoon(callback);
  }

  #callSoon(callback: (task: Task<T>) => void): void {
    queueMicrotask(() => {
      try {
        callback(this);
      } catch (error) {
        console.error(error);
      }
    });
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise.then(onFulfilled, onRejected);
  }

  done(): boolean {
    return this.#state !== 'pending';
  }

  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  result(): T {
    if (this.#state === 'pending') throw new InvalidStateError();
    if (this.#state === 'succeeded') return this.#value as T;
    throw this.#error;
  }

  exception(): unknown {
    if (this.#state === 'pending') throw new InvalidStateError();
    if (this.#state === 'cancelled') throw this.#error;
    return this.#state === 'failed' ? this.#error : undefined;
  }

  cancel(message?: string): boolean {
    if (this.#state !== 'pending') return false;
    const error = new CancelledError(message);
    this.#finish('cancelled', undefined, error);
    return true;
  }

  addDoneCallback(callback: (task: Task<T>) => void): void {
    if (this.#state === 'pending') this.#callbacks.push(callback);
    else this.#callSoon(callback);
  }
}

export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  return new TaskImpl(fn);
}
