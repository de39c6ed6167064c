// Right: a discriminated-union state, an array of pending callbacks flushed with one `queueMicrotask` per registration, and an internal deferred created only when `then` is first called.
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
  | { status: 'pending' }
  | { status: 'result'; value: T }
  | { status: 'exception'; error: unknown }
  | { status: 'cancelled'; message: string | undefined };

export class Future<T> implements PromiseLike<T> {
  #state: State<T> = { status: 'pending' };
  #callbacks: DoneCallback<T>[] = [];
  #settled: Promise<T> | undefined;
  #resolve: ((value: T) => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;

  done(): boolean {
    return this.#state.status !== 'pending';
  }

  cancelled(): boolean {
    return this.#state.status === 'cancelled';
  }

  result(): T {
    const state = this.#state;
    switch (state.status) {
      case 'result':
        return state.value;
      case 'exception':
        throw state.error;
      case 'cancelled':
        throw new CancelledError(state.message);
      case 'pending':
        throw new InvalidStateError('the future is not done yet');
    }
  }

  exception(): unknown {
    const state = this.#state;
    switch (state.status) {
      case 'result':
        return undefined;
      case 'exception':
        return state.error;
      case 'cancelled':
        throw new CancelledError(state.message);
      case 'pending':
        throw new InvalidStateError('the future is not done yet');
    }
  }

  setResult(value: T): void {
    this.#finish({ status: 'result', value });
  }

  setException(error: unknown): void {
    this.#finish({ status: 'exception', error });
  }

  cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#finish({ status: 'cancelled', message: msg });
    return true;
  }

  #finish(state: Exclude<State<T>, { status: 'pending' }>): void {
    if (this.done()) throw new InvalidStateError(`the future is already done (${this.#state.status})`);
    this.#state = state;
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) queueMicrotask(() => fn(this));
    if (this.#settled) this.#settle();
  }

  #settle(): void {
    const state = this.#state;
    if (state.status === 'result') this.#resolve!(state.value);
    else if (state.status === 'exception') this.#reject!(state.error);
    else if (state.status === 'cancelled') this.#reject!(new CancelledError(state.message));
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.done()) queueMicrotask(() => fn(this));
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
    if (!this.#settled) {
      this.#settled = new Promise<T>((resolve, reject) => {
        this.#resolve = resolve;
        this.#reject = reject;
      });
      if (this.done()) this.#settle();
    }
    return this.#settled.then(onFulfilled, onRejected);
  }
}
