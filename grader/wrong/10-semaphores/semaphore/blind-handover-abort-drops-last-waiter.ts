// Wrong: an abort right after the hand-over passes the permit on, then "leaves the queue" with `splice(indexOf(waiter), 1)` although it is no longer in it, which removes the last waiter (it never gets a permit).
export interface AcquireOptions {
  signal?: AbortSignal;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  handed: boolean;
  settled: boolean;
}

export class Semaphore {
  #value: number;
  readonly #queue: Waiter[] = [];

  constructor(value = 1) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`Semaphore value must be a whole number, 0 or more, not ${String(value)}`);
    }
    this.#value = value;
  }

  get value(): number {
    return this.#value;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  locked(): boolean {
    return this.#value === 0 || this.#queue.length > 0;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#value > 0 && this.#queue.length === 0) {
      this.#value--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined, handed: false, settled: false };
      if (signal) {
        waiter.onAbort = () => this.#onAbort(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
    });
  }

  release(): void {
    this.#give();
  }

  async run<T>(fn: () => PromiseLike<T> | T, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  #give(): void {
    const waiter = this.#queue.shift();
    if (!waiter) {
      this.#value++;
      return;
    }
    waiter.handed = true;
    queueMicrotask(() => {
      if (waiter.settled) return;
      waiter.settled = true;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    });
  }

  #onAbort(waiter: Waiter): void {
    if (waiter.settled) return;
    waiter.settled = true;
    if (waiter.handed) this.#give(); // it was handed a permit: pass it on
    this.#queue.splice(this.#queue.indexOf(waiter), 1); // and leave the queue
    waiter.reject(waiter.signal?.reason);
  }
}

export class BoundedSemaphore extends Semaphore {
  readonly #initial: number;

  constructor(value = 1) {
    super(value);
    this.#initial = value;
  }

  override release(): void {
    if (this.value >= this.#initial) throw new RangeError('BoundedSemaphore released too many times');
    super.release();
  }
}
