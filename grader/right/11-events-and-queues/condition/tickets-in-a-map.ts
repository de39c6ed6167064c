// Right: the line is a Map of numbered tickets, and each waiter is a small state machine (waiting, notified, done) driven by callbacks

/**
 * Given. What the methods that need the lock held throw (or reject with) when it is free, and what
 * `Lock.release()` throws on a free lock. asyncio raises `RuntimeError` in the same cases ("cannot
 * wait on un-acquired lock", "cannot notify on un-acquired lock", "Lock is not acquired."). The
 * message is up to you.
 */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** Given. Options of `acquire`, `wait`, `waitFor` and `runExclusive`. */
export interface WaitOptions {
  /** Aborting it gives up waiting (asyncio: cancelling the task that waits). */
  signal?: AbortSignal;
}

/**
 * Given, complete: a fair lock, first come first served (a simpler one than lesson 09's). Do not
 * change it: `Condition` uses it, and the grader may test your `Condition` with a `Lock` of its
 * own that behaves exactly as this one.
 *
 * - Free or held; created free. No owner, as in asyncio: whoever calls `release()` releases it.
 *   Not re-entrant: an `acquire()` while it is held waits, whoever calls it.
 * - `acquire()` on a free lock takes it at once: `locked()` is `true` as soon as `acquire()`
 *   returns, and its promise resolves in a microtask. On a held lock, the caller joins the end of
 *   the lock's queue.
 * - `release()` hands the lock straight to the first caller in the queue, in the `release()` call
 *   itself: `locked()` stays `true`, and that caller's `acquire()` promise is resolved there and
 *   then (the code after its `await` runs a microtask or more later); from that moment its signal
 *   no longer matters. Nobody barges in: an `acquire()` called after `release()` queues behind the
 *   callers already in the queue. With nobody in the queue, the lock becomes free. `release()` of a
 *   free lock throws a `RuntimeError` and changes nothing.
 * - `acquire({ signal })`: a signal already aborted rejects with `signal.reason` at once, without
 *   taking the lock or queueing; a signal that aborts while the caller is in the queue takes it out
 *   of the queue at that moment and rejects with `signal.reason`. Once `acquire()` has settled,
 *   its abort listener is no longer on the signal.
 * - No timers: everything settles in microtasks.
 */
export class Lock {
  #held = false;
  /** The callers waiting for the lock, first come first; each entry hands the lock to its caller. */
  readonly #queue: (() => void)[] = [];

  /** `true` while the lock is held (also right after `release()` handed it to the next caller). */
  locked(): boolean {
    return this.#held;
  }

  /** Waits until the caller holds the lock; resolves with `undefined`. */
  acquire(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.#queue.splice(this.#queue.indexOf(grant), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(grant);
    });
  }

  /** Hands the lock to the first caller in the queue, or frees it; throws on a free lock. */
  release(): void {
    if (!this.#held) throw new RuntimeError('release() of a lock that is not held');
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }
}

type Stage = 'waiting' | 'notified' | 'done';

interface Ticket {
  stage: Stage;
  onNotified(): void;
}

/** A condition variable whose line is a Map of tickets in the order they were taken. */
export class Condition {
  readonly #lock: Lock;
  readonly #tickets = new Map<number, Ticket>();
  #nextTicket = 0;

  constructor(lock: Lock | undefined = undefined) {
    this.#lock = lock === undefined ? new Lock() : lock;
  }

  get lock(): Lock {
    return this.#lock;
  }

  locked(): boolean {
    return this.#lock.locked();
  }

  acquire(options?: WaitOptions): Promise<void> {
    return this.#lock.acquire(options);
  }

  release(): void {
    this.#lock.release();
  }

  runExclusive<T>(fn: () => T | PromiseLike<T>, options?: WaitOptions): Promise<T> {
    return this.#lock.acquire(options).then(() => {
      let result: Promise<T>;
      try {
        result = Promise.resolve(fn());
      } catch (error) {
        result = Promise.reject(error);
      }
      return result.then(
        (value) => {
          this.#lock.release();
          return value;
        },
        (error: unknown) => {
          this.#lock.release();
          throw error;
        },
      );
    });
  }

  wait(options?: WaitOptions): Promise<void> {
    const signal = options?.signal;
    if (!this.#lock.locked()) return Promise.reject(new RuntimeError('wait() without the lock'));
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    const id = this.#nextTicket++;
    return new Promise<void>((resolve, reject) => {
      const finish = (): void => {
        ticket.stage = 'done';
        if (signal) signal.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(signal.reason);
        else resolve();
      };
      const ticket: Ticket = {
        stage: 'waiting',
        onNotified: () => {
          ticket.stage = 'notified';
          this.#lock.acquire().then(finish, reject);
        },
      };
      const onAbort = (): void => {
        if (ticket.stage === 'waiting') {
          this.#tickets.delete(id);
          this.#lock.acquire().then(finish, reject);
        } else if (ticket.stage === 'notified') {
          this.#notify(1);
        }
      };
      this.#tickets.set(id, ticket);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#lock.release();
    });
  }

  async waitFor<T>(predicate: () => T, options?: WaitOptions): Promise<T> {
    if (!this.#lock.locked()) throw new RuntimeError('waitFor() without the lock');
    for (;;) {
      const value = predicate();
      if (value) return value;
      await this.wait(options);
    }
  }

  notify(n: number = 1): void {
    if (!this.#lock.locked()) throw new RuntimeError('notify() without the lock');
    const whole = typeof n === 'number' && (n === Number.POSITIVE_INFINITY || (Number.isSafeInteger(n) && n >= 0));
    if (!whole) throw new RangeError(`notify(${String(n)}): expected a whole number, 0 or more, or Infinity`);
    this.#notify(n);
  }

  notifyAll(): void {
    if (!this.#lock.locked()) throw new RuntimeError('notifyAll() without the lock');
    this.#notify(this.#tickets.size);
  }

  #notify(n: number): void {
    let left = n;
    for (const [id, ticket] of this.#tickets) {
      if (left <= 0) break;
      this.#tickets.delete(id);
      left--;
      ticket.onNotified();
    }
  }
}
