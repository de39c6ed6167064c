// Wrong: calls a done callback directly inside `addDoneCallback` when the future is already done, instead of queueing it as a microtask.
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the future was cancelled') {
    super(message);
  }
}

export type DoneCallback<T> = (future: Future<T>) => void;

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

export class Future<T> implements PromiseLike<T> {
  #state: 'pending' | 'finished' | 'cancelled' = 'pending';
  #hasException = false;
  #value: T | undefined;
  #error: unknown;
  #cancelMessage: string | undefined;
  #callbacks: DoneCallback<T>[] = [];
  #waiters: Waiter<T>[] = [];

  done(): boolean {
    return this.#state !== 'pending';
  }

  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  result(): T {
    if (this.#state === 'pending') throw new InvalidStateError('Result is not ready.');
    if (this.#state === 'cancelled') throw new CancelledError(this.#cancelMessage);
    if (this.#hasException) throw this.#error;
    return this.#value as T;
  }

  exception(): unknown {
    if (this.#state === 'pending') throw new InvalidStateError('Exception is not set.');
    if (this.#state === 'cancelled') throw new CancelledError(this.#cancelMessage);
    return this.#hasException ? this.#error : undefined;
  }

  setResult(value: T): void {
    if (this.#state !== 'pending') throw new InvalidStateError(`invalid state: ${this.#state}`);
    this.#value = value;
    this.#state = 'finished';
    this.#markDone();
  }

  setException(error: unknown): void {
    if (this.#state !== 'pending') throw new InvalidStateError(`invalid state: ${this.#state}`);
    this.#error = error;
    this.#hasException = true;
    this.#state = 'finished';
    this.#markDone();
  }

  cancel(msg?: string): boolean {
    if (this.#state !== 'pending') return false;
    this.#cancelMessage = msg;
    this.#state = 'cancelled';
    this.#markDone();
    return true;
  }

  #markDone(): void {
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) queueMicrotask(() => fn(this));
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) this.#settle(waiter);
  }

  #settle(waiter: Waiter<T>): void {
    try {
      waiter.resolve(this.result());
    } catch (error: unknown) {
      waiter.reject(error);
    }
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.done()) fn(this);
    else this.#callbacks.push(fn);
  }

  removeDoneCallback(fn: DoneCallback<T>): number {
    const before = this.#callbacks.length;
    this.#callbacks = this.#callbacks.filter((registered) => registered !== fn);
    return before - this.#callbacks.length;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const outcome = new Promise<T>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (this.done()) this.#settle(waiter);
      else this.#waiters.push(waiter);
    });
    return outcome.then(onFulfilled, onRejected);
  }
}
