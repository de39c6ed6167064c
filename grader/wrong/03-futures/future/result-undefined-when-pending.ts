// Wrong: result() returns undefined while the future is pending, instead of throwing InvalidStateError.
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

export class Future<T> implements PromiseLike<T> {
  #state: 'pending' | 'result' | 'exception' | 'cancelled' = 'pending';
  #value: T | undefined;
  #error: unknown;
  #message: string | undefined;
  #callbacks: DoneCallback<T>[] = [];

  done(): boolean {
    return this.#state !== 'pending';
  }

  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  result(): T {
    if (this.#state === 'cancelled') throw new CancelledError(this.#message);
    if (this.#state === 'exception') throw this.#error;
    return this.#value as T;
  }

  exception(): unknown {
    if (this.#state === 'pending') throw new InvalidStateError('the exception is not set');
    if (this.#state === 'cancelled') throw new CancelledError(this.#message);
    return this.#state === 'exception' ? this.#error : undefined;
  }

  setResult(value: T): void {
    if (this.done()) throw new InvalidStateError('the future is already done');
    this.#state = 'result';
    this.#value = value;
    this.#runCallbacks();
  }

  setException(error: unknown): void {
    if (this.done()) throw new InvalidStateError('the future is already done');
    this.#state = 'exception';
    this.#error = error;
    this.#runCallbacks();
  }

  cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#state = 'cancelled';
    this.#message = msg;
    this.#runCallbacks();
    return true;
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.done()) queueMicrotask(() => fn(this));
    else this.#callbacks.push(fn);
  }

  removeDoneCallback(fn: DoneCallback<T>): number {
    const before = this.#callbacks.length;
    this.#callbacks = this.#callbacks.filter((callback) => callback !== fn);
    return before - this.#callbacks.length;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return new Promise<T>((resolve, reject) => {
      this.addDoneCallback(() => {
        try {
          resolve(this.result());
        } catch (error) {
          reject(error);
        }
      });
    }).then(onFulfilled, onRejected);
  }

  #runCallbacks(): void {
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const callback of callbacks) queueMicrotask(() => callback(this));
  }
}
