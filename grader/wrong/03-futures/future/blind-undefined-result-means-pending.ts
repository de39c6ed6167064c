// Wrong: uses `undefined` in the result field to mean "no result yet", so after `setResult(undefined)` the future still reports `done()` as false and `result()` throws `InvalidStateError`.
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
  #result: T | undefined = undefined;
  #hasException = false;
  #exception: unknown = undefined;
  #cancelled = false;
  #cancelMessage: string | undefined;
  #callbacks: DoneCallback<T>[] = [];
  #listeners: (() => void)[] = [];

  done(): boolean {
    return this.#result !== undefined || this.#hasException || this.#cancelled;
  }

  cancelled(): boolean {
    return this.#cancelled;
  }

  result(): T {
    if (this.#cancelled) throw new CancelledError(this.#cancelMessage);
    if (this.#hasException) throw this.#exception;
    if (this.#result === undefined) throw new InvalidStateError('Result is not set.');
    return this.#result;
  }

  exception(): unknown {
    if (!this.done()) throw new InvalidStateError('Exception is not set.');
    if (this.#cancelled) throw new CancelledError(this.#cancelMessage);
    return this.#exception;
  }

  setResult(value: T): void {
    if (this.done()) throw new InvalidStateError('invalid state');
    this.#result = value;
    this.#finish();
  }

  setException(error: unknown): void {
    if (this.done()) throw new InvalidStateError('invalid state');
    this.#hasException = true;
    this.#exception = error;
    this.#finish();
  }

  cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#cancelled = true;
    this.#cancelMessage = msg;
    this.#finish();
    return true;
  }

  #finish(): void {
    for (const fn of this.#callbacks.splice(0)) queueMicrotask(() => fn(this));
    for (const listener of this.#listeners.splice(0)) listener();
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.done()) queueMicrotask(() => fn(this));
    else this.#callbacks.push(fn);
  }

  removeDoneCallback(fn: DoneCallback<T>): number {
    let count = 0;
    this.#callbacks = this.#callbacks.filter((callback) => {
      if (callback !== fn) return true;
      count++;
      return false;
    });
    return count;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        try {
          resolve(this.result());
        } catch (error: unknown) {
          reject(error);
        }
      };
      if (this.done()) settle();
      else this.#listeners.push(settle);
    }).then(onFulfilled, onRejected);
  }
}
