// Right: an eager deferred made in the constructor and marked handled with a no-op `catch`, separate boolean flags for the state, and a list of registration records emptied when they are queued.
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

interface Registration<T> {
  fn: DoneCallback<T>;
}

export class Future<T> implements PromiseLike<T> {
  #isDone = false;
  #isCancelled = false;
  #hasException = false;
  #value!: T;
  #error: unknown = undefined;
  #cancelMessage: string | undefined = undefined;
  #registrations: Registration<T>[] = [];
  readonly #outcome: Promise<T>;
  #resolveOutcome!: (value: T) => void;
  #rejectOutcome!: (reason: unknown) => void;

  constructor() {
    this.#outcome = new Promise<T>((resolve, reject) => {
      this.#resolveOutcome = resolve;
      this.#rejectOutcome = reject;
    });
    this.#outcome.catch(() => {});
  }

  done(): boolean {
    return this.#isDone;
  }

  cancelled(): boolean {
    return this.#isCancelled;
  }

  #cancelledError(): CancelledError {
    return this.#cancelMessage === undefined ? new CancelledError() : new CancelledError(this.#cancelMessage);
  }

  result(): T {
    if (!this.#isDone) throw new InvalidStateError('Result is not set.');
    if (this.#isCancelled) throw this.#cancelledError();
    if (this.#hasException) throw this.#error;
    return this.#value;
  }

  exception(): unknown {
    if (!this.#isDone) throw new InvalidStateError('Exception is not set.');
    if (this.#isCancelled) throw this.#cancelledError();
    return this.#hasException ? this.#error : undefined;
  }

  #complete(): void {
    this.#isDone = true;
    const registrations = this.#registrations.splice(0);
    for (const registration of registrations) {
      queueMicrotask(() => registration.fn(this));
    }
  }

  setResult(value: T): void {
    if (this.#isDone) throw new InvalidStateError('invalid state: the future is already done');
    this.#value = value;
    this.#complete();
    this.#resolveOutcome(value);
  }

  setException(error: unknown): void {
    if (this.#isDone) throw new InvalidStateError('invalid state: the future is already done');
    this.#hasException = true;
    this.#error = error;
    this.#complete();
    this.#rejectOutcome(error);
  }

  cancel(msg?: string): boolean {
    if (this.#isDone) return false;
    this.#isCancelled = true;
    this.#cancelMessage = msg;
    this.#complete();
    this.#rejectOutcome(this.#cancelledError());
    return true;
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    const registration = { fn };
    if (this.#isDone) queueMicrotask(() => registration.fn(this));
    else this.#registrations.push(registration);
  }

  removeDoneCallback(fn: DoneCallback<T>): number {
    const kept = this.#registrations.filter((registration) => registration.fn !== fn);
    const removed = this.#registrations.length - kept.length;
    this.#registrations = kept;
    return removed;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#outcome.then(onFulfilled, onRejected);
  }
}
