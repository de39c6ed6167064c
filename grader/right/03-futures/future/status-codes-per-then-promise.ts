// Right: `then` wraps each call in a fresh `new Promise` fed by an internal done callback that reads `result()`, so no promise exists until someone awaits.
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

const PENDING = 0;
const FINISHED = 1;
const FAILED = 2;
const CANCELLED = 3;

export class Future<T> implements PromiseLike<T> {
  #status: 0 | 1 | 2 | 3 = PENDING;
  #value: T | undefined;
  #error: unknown;
  #cancelMessage: string | undefined;
  #queue: DoneCallback<T>[] = [];

  done(): boolean {
    return this.#status !== PENDING;
  }

  cancelled(): boolean {
    return this.#status === CANCELLED;
  }

  result(): T {
    if (this.#status === FINISHED) return this.#value as T;
    if (this.#status === FAILED) throw this.#error;
    if (this.#status === CANCELLED) throw new CancelledError(this.#cancelMessage);
    throw new InvalidStateError('result is not ready');
  }

  exception(): unknown {
    if (this.#status === FINISHED) return undefined;
    if (this.#status === FAILED) return this.#error;
    if (this.#status === CANCELLED) throw new CancelledError(this.#cancelMessage);
    throw new InvalidStateError('exception is not set');
  }

  #assertPending(): void {
    if (this.#status !== PENDING) throw new InvalidStateError('invalid state');
  }

  #scheduleCallbacks(): void {
    const queue = this.#queue;
    this.#queue = [];
    for (let i = 0; i < queue.length; i++) {
      const fn = queue[i]!;
      queueMicrotask(() => fn(this));
    }
  }

  setResult(value: T): void {
    this.#assertPending();
    this.#value = value;
    this.#status = FINISHED;
    this.#scheduleCallbacks();
  }

  setException(error: unknown): void {
    this.#assertPending();
    this.#error = error;
    this.#status = FAILED;
    this.#scheduleCallbacks();
  }

  cancel(msg?: string): boolean {
    if (this.#status !== PENDING) return false;
    this.#cancelMessage = msg;
    this.#status = CANCELLED;
    this.#scheduleCallbacks();
    return true;
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.#status === PENDING) {
      this.#queue.push(fn);
    } else {
      queueMicrotask(() => fn(this));
    }
  }

  removeDoneCallback(fn: DoneCallback<T>): number {
    let removed = 0;
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      if (this.#queue[i] === fn) {
        this.#queue.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const outcome = new Promise<T>((resolve, reject) => {
      this.addDoneCallback((future) => {
        try {
          resolve(future.result());
        } catch (error: unknown) {
          reject(error);
        }
      });
    });
    return outcome.then(onFulfilled, onRejected);
  }
}
