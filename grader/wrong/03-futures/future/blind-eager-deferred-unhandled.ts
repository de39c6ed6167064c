// Wrong: creates its deferred promise in the constructor and rejects it on `setException` or `cancel` with nothing attached, so a failed future that nobody awaits is reported as an unhandled rejection.
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

type Outcome<T> = { kind: 'result'; value: T } | { kind: 'exception'; error: unknown } | { kind: 'cancelled'; error: CancelledError };

export class Future<T> implements PromiseLike<T> {
  #outcome: Outcome<T> | null = null;
  #callbacks: DoneCallback<T>[] = [];
  readonly #promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;

  constructor() {
    this.#promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  done(): boolean {
    return this.#outcome !== null;
  }

  cancelled(): boolean {
    return this.#outcome?.kind === 'cancelled';
  }

  result(): T {
    const outcome = this.#outcome;
    if (outcome === null) throw new InvalidStateError('Result is not ready.');
    if (outcome.kind === 'result') return outcome.value;
    throw outcome.error;
  }

  exception(): unknown {
    const outcome = this.#outcome;
    if (outcome === null) throw new InvalidStateError('Exception is not set.');
    if (outcome.kind === 'cancelled') throw outcome.error;
    return outcome.kind === 'exception' ? outcome.error : undefined;
  }

  #complete(outcome: Outcome<T>): void {
    if (this.#outcome !== null) throw new InvalidStateError('invalid state: the future is already done');
    this.#outcome = outcome;
    for (const fn of this.#callbacks) queueMicrotask(() => fn(this));
    this.#callbacks = [];
    if (outcome.kind === 'result') this.#resolve(outcome.value);
    else this.#reject(outcome.error);
  }

  setResult(value: T): void {
    this.#complete({ kind: 'result', value });
  }

  setException(error: unknown): void {
    this.#complete({ kind: 'exception', error });
  }

  cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#complete({ kind: 'cancelled', error: new CancelledError(msg) });
    return true;
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.done()) queueMicrotask(() => fn(this));
    else this.#callbacks.push(fn);
  }

  removeDoneCallback(fn: DoneCallback<T>): number {
    const kept = this.#callbacks.filter((callback) => callback !== fn);
    const removed = this.#callbacks.length - kept.length;
    this.#callbacks = kept;
    return removed;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise.then(onFulfilled, onRejected);
  }
}
