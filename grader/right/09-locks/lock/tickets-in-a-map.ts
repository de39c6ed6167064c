// Right: numbered tickets in a Map (which keeps insertion order), woken with Promise.resolve().then, every abort handled in the listener, and runExclusive as a plain then/finally chain.
export interface AcquireOptions {
  signal?: AbortSignal;
}

interface Ticket {
  state: 'waiting' | 'handed' | 'done';
  settle(error?: { reason: unknown }): void;
}

export class Lock {
  #busy = false;
  #nextNumber = 0;
  readonly #tickets = new Map<number, Ticket>();

  locked(): boolean {
    return this.#busy;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const signal = options.signal;
    return new Promise<void>((resolve, reject) => {
      if (signal !== undefined && signal.aborted) {
        reject(signal.reason);
        return;
      }
      if (!this.#busy) {
        this.#busy = true;
        resolve();
        return;
      }
      const number = this.#nextNumber++;
      const listener = (): void => {
        if (ticket.state === 'waiting') this.#tickets.delete(number);
        else if (ticket.state === 'handed') this.#next();
        ticket.settle({ reason: signal?.reason });
      };
      const ticket: Ticket = {
        state: 'waiting',
        settle: (error) => {
          if (ticket.state === 'done') return;
          ticket.state = 'done';
          signal?.removeEventListener('abort', listener);
          if (error) reject(error.reason);
          else resolve();
        },
      };
      this.#tickets.set(number, ticket);
      signal?.addEventListener('abort', listener);
    });
  }

  release(): void {
    if (!this.#busy) throw new RangeError('release() called on a lock that nobody holds');
    this.#next();
  }

  runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    return this.acquire(options).then(() => new Promise<T>((resolve) => resolve(fn())).finally(() => this.release()));
  }

  #next(): void {
    const first = this.#tickets.entries().next();
    if (first.done) {
      this.#busy = false;
      return;
    }
    const [number, ticket] = first.value;
    this.#tickets.delete(number);
    ticket.state = 'handed';
    void Promise.resolve().then(() => ticket.settle());
  }
}
