// Wrong: a notify with nobody waiting is counted, and the next wait returns at once

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

/**
 * A condition variable for async code, like asyncio's `Condition`: a lock, and a line of callers
 * waiting to be told that the state the lock guards has changed.
 *
 * Words used below. The lock is *held* when its `locked()` is `true`: it has no owner, so whoever
 * holds it may call `wait` and `notify` (as in asyncio). A *waiter* is a call of `wait()` (or one of
 * the waits that `waitFor()` makes) that has not settled yet. A waiter goes through three stages:
 *
 *   1. *waiting for a notify*: it is in the condition's line, and it has let go of the lock;
 *   2. *notified*: `notify()` or `notifyAll()` (or a wake-up passed on, see `wait`) took it off the
 *      line and, in that same call, queued it for the lock: it called `lock.acquire()`, so it waits
 *      at the back of the lock's queue, behind the callers already there;
 *   3. *awake*: the lock's `acquire()` has resolved, so the waiter holds the lock again, and its
 *      `wait()` settles. That is a microtask or more after the lock is handed to it, never sooner.
 *
 * - The line is first come, first served: a notify takes waiters off it in the order they called
 *   `wait()`. A waiter that waits again (as `waitFor` does) joins the end of the line.
 * - No spurious wake-ups: a `wait()` resolves only once it was notified (stage 2), never otherwise.
 * - No barging: since notified waiters queue for the lock in the notify call itself, an
 *   `acquire()` or `runExclusive()` called after the notify, even in the same synchronous code,
 *   gets the lock after them.
 * - The condition uses only the lock's `acquire()`, `release()` and `locked()`: code that shares
 *   the lock may call them directly. It uses no timers: everything settles in microtasks, at the
 *   virtual time of the call (a `release()`, a notify, an abort) that made it possible.
 */
export class Condition {
  readonly #lock: Lock;
  /** The waiters in stage 1, first come first. */
  readonly #line: Waiter[] = [];
  #pending = 0;

  /**
   * Uses `lock` as its lock, or a new `Lock` of its own when none is given (asyncio:
   * `Condition(lock=None)`). Several conditions may share one lock. Creating a condition starts
   * nothing and does not touch the lock: a lock held stays held, a free one stays free.
   */
  constructor(lock: Lock = new Lock()) {
    this.#lock = lock;
  }

  /** The lock the condition uses: the one given to the constructor, or its own new `Lock`. */
  get lock(): Lock {
    return this.#lock;
  }

  /** The lock's `locked()`. */
  locked(): boolean {
    return this.#lock.locked();
  }

  /**
   * The lock's `acquire(options)`, as it is: the same queue, the same promise behaviour, the same
   * signal rules (asyncio: `await cond.acquire()`).
   */
  acquire(options: WaitOptions = {}): Promise<void> {
    return this.#lock.acquire(options);
  }

  /** The lock's `release()`, as it is: a free lock throws a `RuntimeError`. */
  release(): void {
    this.#lock.release();
  }

  /**
   * `async with cond:` for TypeScript: takes the lock, runs `fn`, lets go of the lock, whatever
   * happens. Never throws: every failure is a rejection.
   *
   * - It takes the lock as `acquire(options)` does. If that rejects (the signal), `runExclusive`
   *   rejects with the same reason and never calls `fn`.
   * - Once it holds the lock, it calls `fn()` once, with no arguments. `fn` may call `wait`,
   *   `waitFor`, `notify` and `notifyAll`: the lock is held.
   * - `fn` may return a value, a promise or any thenable. Once that has settled, it releases the
   *   lock, then resolves with `fn`'s value or rejects with `fn`'s error, the very same value. If
   *   `fn` throws synchronously, it releases the lock and rejects with what `fn` threw.
   * - The signal is only for taking the lock: once `fn` has been called, aborting it changes
   *   nothing here (pass it to `wait` inside `fn` to give up a wait).
   */
  runExclusive<T>(fn: () => T | PromiseLike<T>, options: WaitOptions = {}): Promise<T> {
    return this.acquire(options).then(async () => {
      try {
        return await fn();
      } finally {
        this.release();
      }
    });
  }

  /**
   * Lets go of the lock, waits until notified, takes the lock back, and resolves with `undefined`
   * (asyncio's `wait()` returns `True`). The caller must hold the lock. Never throws: every failure
   * is a rejection.
   *
   * - The lock is free: rejects with a `RuntimeError` at once, and changes nothing. (This check
   *   comes first.)
   * - `options.signal` already aborted: rejects with `signal.reason` at once, as it is, without
   *   letting go of the lock or joining the line: the caller still holds the lock.
   * - Otherwise, in the call itself: it joins the end of the line, then releases the lock (as
   *   `lock.release()` does: straight to the first caller in the lock's queue, or free), so code
   *   that runs right after the call, even in the same synchronous code, can take the lock and
   *   notify this waiter.
   * - It resolves once it is awake (stage 3): the code after `await cond.wait()` runs holding the
   *   lock.
   * - `options.signal` aborts while it waits for a notify (stage 1): at that moment it leaves the
   *   line (a later notify skips it: those behind it move up) and queues for the lock (at the back
   *   of the lock's queue; on a free lock it takes it at once). Once it holds the lock it rejects
   *   with `signal.reason`: the caller holds the lock when it sees the rejection, as it would after a
   *   resolve (asyncio re-acquires the lock even when the wait is cancelled). It wakes nobody else.
   * - `options.signal` aborts after it was notified and before it is awake (stage 2: for instance in
   *   the same synchronous code as the notify, or as the `release()` that hands it the lock): it
   *   passes its wake-up on: at that moment, the first waiter still waiting for a notify, if there is
   *   one, is notified, as `notify(1)` would (with nobody waiting, nothing happens). It keeps its
   *   own place in the lock's queue, and once it holds the lock it rejects with `signal.reason`
   *   instead of resolving. (asyncio since Python 3.13 does the same for a task cancelled just after
   *   it was notified, and also, unlike this, for one cancelled before.) An abort that comes a
   *   microtask or more after the lock was handed to it may find it already awake (its `wait()` has
   *   resolved: the abort changes nothing) or still notified (it rejects, and passes its wake-up
   *   on): either is fine.
   * - Once `wait()` has settled, the signal no longer matters, and its abort listener is no longer on
   *   the signal, whichever way it settled.
   */
  wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (!this.#lock.locked()) return Promise.reject(new RuntimeError('wait() needs the lock held'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      let notified = false;
      /** Queues for the lock now; settles once the lock is this waiter's. */
      const reacquire = (): void => {
        void this.#lock.acquire().then(() => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) reject(signal.reason);
          else resolve();
        });
      };
      const waiter: Waiter = {
        notify: () => {
          notified = true;
          reacquire();
        },
      };
      const onAbort = (): void => {
        if (notified) {
          this.#notify(1); // pass the wake-up on; this waiter keeps its place in the lock's queue
        } else {
          this.#line.splice(this.#line.indexOf(waiter), 1);
          reacquire();
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#line.push(waiter);
      this.#lock.release();
      if (this.#pending > 0) {
        this.#pending--;
        this.#notify(1);
      }
    });
  }

  /**
   * Waits until `predicate()` returns a truthy value, and resolves with that value (asyncio:
   * `wait_for`). The caller must hold the lock. Never throws: every failure is a rejection.
   *
   * - The lock is free: rejects with a `RuntimeError` at once, without calling `predicate`.
   *   (asyncio's `wait_for` calls the predicate first, and raises only when it has to wait.)
   * - It calls `predicate()`, with no arguments, at once (in the `waitFor()` call itself), then again
   *   each time a `wait()` it made resolves, and never otherwise: always with the lock held, once
   *   per wake-up.
   * - A truthy value (JavaScript's truthiness: `[]` and `{}` are truthy, though Python's empty list
   *   is not) ends it: it resolves with that very value, holding the lock, without letting go of it
   *   if the value came at once.
   * - A falsy value (`false`, `0`, `''`, `null`, `undefined`, `NaN`): it calls `wait(options)`, and
   *   calls `predicate()` again when that resolves.
   * - `predicate` throws: `waitFor` rejects with what it threw, and waits no more; the caller still
   *   holds the lock.
   * - The signal is `wait`'s: when a `wait()` it made rejects, `waitFor` rejects with the same
   *   reason (holding the lock, as `wait` says) without calling `predicate` again. So a signal
   *   already aborted makes `waitFor` reject only if the first `predicate()` is falsy.
   */
  async waitFor<T>(predicate: () => T, options: WaitOptions = {}): Promise<T> {
    if (!this.#lock.locked()) throw new RuntimeError('waitFor() needs the lock held');
    let result = predicate();
    while (!result) {
      await this.wait(options);
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiters, the first ones in the line (asyncio: `notify(n=1)`). The caller must
   * hold the lock; `notify` does not release it, so the waiters it wakes run only once the caller
   * has let go of it, one at a time, each holding the lock in turn.
   *
   * - The lock is free: throws a `RuntimeError`, and wakes nobody. (This check comes first.)
   * - `n` is a whole number, 0 or more, or `Infinity` (everyone). Anything else (negative,
   *   fractional, `NaN`, not a number) throws a `RangeError`, and wakes nobody. (asyncio takes any
   *   number: `notify(0)` and `notify(-1)` wake nobody.)
   * - It takes the first `n` waiters off the line (all of them when fewer wait; nobody waiting is
   *   no error) and queues each one for the lock, in line order, in the call itself (stage 2).
   *   Waiters already notified, or gone, are not in the line and do not count.
   */
  notify(n = 1): void {
    if (!this.#lock.locked()) throw new RuntimeError('notify() needs the lock held');
    if (n !== Number.POSITIVE_INFINITY && !(Number.isInteger(n) && n >= 0)) {
      throw new RangeError(`notify(n) expects a whole number, 0 or more, or Infinity: got ${String(n)}`);
    }
    this.#notify(n);
  }

  /**
   * Wakes every waiter in the line at that moment, as `notify(Infinity)` (asyncio: `notify_all()`).
   * A `wait()` that starts afterwards is not woken by it. The lock is free: throws a `RuntimeError`,
   * and wakes nobody.
   */
  notifyAll(): void {
    if (!this.#lock.locked()) throw new RuntimeError('notifyAll() needs the lock held');
    this.#notify(this.#line.length);
  }

  /** Takes up to n waiters off the front of the line and queues each one for the lock. */
  #notify(n: number): void {
    let woken = 0;
    for (; woken < n && this.#line.length > 0; woken++) this.#line.shift()?.notify();
    if (n !== Number.POSITIVE_INFINITY && woken < n && n > 0) this.#pending += n - woken;
  }
}

interface Waiter {
  /** Called by a notify: takes the waiter to stage 2. */
  notify(): void;
}
