// Right: array queue with a moving head and lazy deletion (aborted entries are skipped, a live counter gives `waiting`); `release()` resolves the inner promise at once, and the async `acquire` checks after its `await` whether an abort came between the hand-over and its resumption.
export interface AcquireOptions {
  /** Aborting this signal gives up the wait, like cancelling the task that awaits `sem.acquire()`. */
  signal?: AbortSignal;
}

interface Ticket {
  wake: () => void;
  cancel: (reason: unknown) => void;
  /** 'queued' until release() picks it, then 'handed'; 'gone' once it gave up. */
  status: 'queued' | 'handed' | 'gone';
  /** set when the abort came after the hand-over: the permit has been passed on. */
  passedOn: boolean;
}

export class Semaphore {
  #permits: number;
  #line: (Ticket | undefined)[] = [];
  #head = 0;
  #live = 0;

  constructor(value = 1) {
    if (typeof value !== 'number' || value < 0 || value % 1 !== 0 || value === Infinity) {
      throw new RangeError(`invalid semaphore value: ${String(value)}`);
    }
    this.#permits = value;
  }

  get value(): number {
    return this.#permits;
  }

  get waiting(): number {
    return this.#live;
  }

  locked(): boolean {
    return this.#live > 0 || this.#permits === 0;
  }

  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    if (this.#live === 0 && this.#permits > 0) {
      this.#permits--;
      return;
    }
    let ticket!: Ticket;
    const wait = new Promise<void>((wake, cancel) => {
      ticket = { wake, cancel, status: 'queued', passedOn: false };
    });
    const onAbort = () => {
      if (ticket.status === 'queued') {
        ticket.status = 'gone';
        this.#live--;
        this.#line[this.#line.indexOf(ticket, this.#head)] = undefined;
        ticket.cancel(signal?.reason);
      } else if (ticket.status === 'handed' && !ticket.passedOn) {
        ticket.passedOn = true;
        this.#handOut();
      }
    };
    this.#line.push(ticket);
    this.#live++;
    signal?.addEventListener('abort', onAbort);
    try {
      await wait;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (ticket.passedOn) throw signal?.reason;
  }

  release(): void {
    this.#handOut();
  }

  async run<T>(fn: () => PromiseLike<T> | T, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    let ok = false;
    let value!: T;
    let error: unknown;
    try {
      value = await fn();
      ok = true;
    } catch (err) {
      error = err;
    }
    this.release();
    if (!ok) throw error;
    return value;
  }

  #handOut(): void {
    while (this.#head < this.#line.length) {
      const ticket = this.#line[this.#head];
      this.#line[this.#head] = undefined;
      this.#head++;
      if (ticket === undefined) continue;
      if (this.#head > 64 && this.#head * 2 > this.#line.length) {
        this.#line = this.#line.slice(this.#head);
        this.#head = 0;
      }
      this.#live--;
      ticket.status = 'handed';
      ticket.wake();
      return;
    }
    this.#line = [];
    this.#head = 0;
    this.#permits++;
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
