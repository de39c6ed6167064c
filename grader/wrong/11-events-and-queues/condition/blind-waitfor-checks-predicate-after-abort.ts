// Wrong: When a wait() made by waitFor() rejects (the signal), waitFor() calls the predicate once more and resolves with its value if truthy, instead of rejecting without calling it again.
// Exercise: a Condition: wait until notified, with the lock let go meanwhile
// Lesson: lessons/11-events-and-queues.md · Check: npm run check -- condition · Grade: npm run grade -- condition
//
// asyncio's `Condition` is a lock and a line of waiting tasks in one object: `async with cond:`
// holds the lock, `await cond.wait()` lets go of it, waits until another task calls `notify()` or
// `notify_all()`, and takes it back before it returns, and `await cond.wait_for(predicate)` waits
// until the predicate is true. Build the same condition in TypeScript, on top of the `Lock` given
// below, with an AbortSignal to give up waiting (a JavaScript promise cannot be cancelled from
// outside).
//
// Given, complete: `RuntimeError`, `WaitOptions` and `Lock`. Use them as they are; you write
// `Condition`.

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

type Entry = () => void;

export class Condition {
  readonly #lock: Lock;
  readonly #line: Entry[] = [];

  constructor(lock?: Lock) {
    this.#lock = lock ?? new Lock();
  }

  get lock(): Lock {
    return this.#lock;
  }

  locked(): boolean {
    return this.#lock.locked();
  }

  acquire(options: WaitOptions = {}): Promise<void> {
    return this.#lock.acquire(options);
  }

  release(): void {
    this.#lock.release();
  }

  async runExclusive<T>(fn: () => T | PromiseLike<T>, options: WaitOptions = {}): Promise<T> {
    await this.#lock.acquire(options);
    try {
      return await fn();
    } finally {
      this.#lock.release();
    }
  }

  wait(options: WaitOptions = {}): Promise<void> {
    if (!this.#lock.locked()) return Promise.reject(new RuntimeError('cannot wait on un-acquired lock'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      let stage: 'waiting' | 'notified' | 'awake' = 'waiting';
      let aborted = false;
      const settle = (): void => {
        stage = 'awake';
        signal?.removeEventListener('abort', onAbort);
        if (aborted) reject(signal?.reason);
        else resolve();
      };
      const entry: Entry = () => {
        stage = 'notified';
        void this.#lock.acquire().then(settle);
      };
      const onAbort = (): void => {
        if (stage === 'waiting') {
          const i = this.#line.indexOf(entry);
          if (i >= 0) this.#line.splice(i, 1);
          stage = 'notified';
          aborted = true;
          void this.#lock.acquire().then(settle);
        } else if (stage === 'notified' && !aborted) {
          aborted = true;
          this.#wake(1);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#line.push(entry);
      this.#lock.release();
    });
  }

  async waitFor<T>(predicate: () => T, options: WaitOptions = {}): Promise<T> {
    if (!this.#lock.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    let value = predicate();
    while (!value) {
      try {
        await this.wait(options);
      } catch (error) {
        value = predicate();
        if (value) return value;
        throw error;
      }
      value = predicate();
    }
    return value;
  }

  notify(n = 1): void {
    if (!this.#lock.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    if (typeof n !== 'number' || !(n === Infinity || (Number.isInteger(n) && n >= 0))) {
      throw new RangeError(`notify(n): n must be a whole number, 0 or more, or Infinity, not ${String(n)}`);
    }
    this.#wake(n);
  }

  notifyAll(): void {
    this.notify(Infinity);
  }

  #wake(n: number): void {
    let left = n;
    while (left > 0 && this.#line.length > 0) {
      const entry = this.#line.shift() as Entry;
      entry();
      left--;
    }
  }
}
