// Wrong: takes the callbacks at completion but queues them from a promise reaction one microtask later, so a microtask queued right after `setResult`, `setException` or `cancel` runs before them.
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

type State<T> =
  | { readonly kind: 'pending' }
  | { readonly kind: 'result'; readonly value: T }
  | { readonly kind: 'exception'; readonly error: unknown }
  | { readonly kind: 'cancelled'; readonly message: string | undefined };

export class Future<T> implements PromiseLike<T> {
  #state: State<T> = { kind: 'pending' };
  #callbacks: DoneCallback<T>[] = [];

  done(): boolean {
    return this.#state.kind !== 'pending';
  }

  cancelled(): boolean {
    return this.#state.kind === 'cancelled';
  }

  result(): T {
    const state = this.#state;
    switch (state.kind) {
      case 'pending':
        throw new InvalidStateError('the result is not ready: the future is still pending');
      case 'cancelled':
        throw new CancelledError(state.message);
      case 'exception':
        throw state.error;
      case 'result':
        return state.value;
    }
  }

  exception(): unknown {
    const state = this.#state;
    switch (state.kind) {
      case 'pending':
        throw new InvalidStateError('the exception is not set: the future is still pending');
      case 'cancelled':
        throw new CancelledError(state.message);
      case 'exception':
        return state.error;
      case 'result':
        return undefined;
    }
  }

  setResult(value: T): void {
    this.#finish({ kind: 'result', value }, 'setResult');
  }

  setException(error: unknown): void {
    this.#finish({ kind: 'exception', error }, 'setException');
  }

  cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#finish({ kind: 'cancelled', message: msg }, 'cancel');
    return true;
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.done()) this.#schedule(fn);
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
    const outcome = new Promise<T>((resolve, reject) => {
      this.addDoneCallback(() => {
        try {
          resolve(this.result());
        } catch (error) {
          reject(error);
        }
      });
    });
    return outcome.then(onFulfilled, onRejected);
  }

  #finish(state: State<T>, method: string): void {
    if (this.done()) {
      throw new InvalidStateError(`${method}() on a future that is already done (${this.#state.kind})`);
    }
    this.#state = state;
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    // Let the code that completed the future finish first, then queue each callback.
    void Promise.resolve().then(() => {
      for (const callback of callbacks) this.#schedule(callback);
    });
  }

  #schedule(fn: DoneCallback<T>): void {
    queueMicrotask(() => fn(this));
  }
}
