// Exercise: a fair Lock with runExclusive
// Lesson: lessons/09-locks.md · Check: npm run check -- lock · Grade: npm run grade -- lock
//
// asyncio's `Lock` lets one task at a time into a critical section: `async with lock:` waits until
// the lock is free, takes it, and gives it back at the end of the block, even when the block
// raises. Waiters get the lock in the order they asked for it. Build the same lock in TypeScript:
// `acquire()` and `release()`, `runExclusive(fn)` for the `async with`, and, since a JavaScript
// promise cannot be cancelled from outside, an AbortSignal to give up waiting.

/** Options of `acquire` and `runExclusive`. */
export interface AcquireOptions {
  /** Aborting it gives up waiting for the lock (asyncio: cancelling the task that waits in `acquire()`). */
  signal?: AbortSignal;
}

/**
 * A mutual-exclusion lock for async code, fair and first come, first served, like asyncio's `Lock`.
 *
 * - A lock is either free or held. It is created free, and creating it starts nothing (no timer).
 * - At most one holder at a time: from the moment `acquire()` hands the lock to someone until they
 *   call `release()`, nobody else gets it.
 * - The lock has no owner, like asyncio's: whoever calls `release()` releases it. It is not
 *   re-entrant: an `acquire()` made while the lock is held waits, even if it comes from the code
 *   that holds it (that code would wait for ever).
 * - Fair: callers that have to wait get the lock one at a time in the order of their `acquire()`
 *   calls (FIFO), whoever they are, whatever they pass. Nobody jumps the queue (see `release`).
 * - It uses no timers: every hand-over happens in microtasks, at the virtual time of the
 *   `release()` (or the abort) that caused it.
 */
export class Lock {
  // Add the fields you need here.

  /**
   * `true` while the lock is held, and also while it has been handed to a waiter that has not
   * woken up yet (see `release`); `false` when it is free.
   */
  locked(): boolean {
    throw new Error('locked is not implemented yet: open exercises/09-locks/lock.ts and write it.');
  }

  /**
   * Waits until the caller holds the lock. Resolves with `undefined`.
   *
   * - Free (and so nobody waits): takes it at once. `locked()` is `true` as soon as `acquire()`
   *   returns, before its promise resolves, and the promise resolves in a microtask (no timer).
   *   The caller holds the lock from that moment: an abort of its signal after the call, even
   *   before the promise has resolved, changes nothing (the late abort below is only for a lock
   *   handed over by `release()`).
   * - Held: the caller joins the end of the queue of waiters, and its promise stays pending until
   *   a `release()` hands it the lock.
   * - `options.signal` already aborted: rejects with `signal.reason` at once, as it is (an Error, a
   *   string, an object: whatever value it is, never wrapped), without taking the lock and without
   *   joining the queue, even if the lock is free.
   * - `options.signal` aborts while the caller waits: it leaves the queue at that moment (those
   *   behind it move up), rejects with `signal.reason`, and never holds the lock. The lock itself
   *   is untouched: whoever holds it still does.
   * - `options.signal` aborts after a `release()` has handed the lock to this waiter, but before the
   *   waiter has woken up: in the same synchronous code as that `release()` (the line after it, or
   *   another listener of the same abort). The waiter does not take the lock: `acquire()` rejects
   *   with `signal.reason`, and the lock goes on to the next waiter in the queue, or becomes free if
   *   nobody else waits (at the virtual time of the abort: at once or a microtask later, up to you).
   *   Which of the two callers sees its outcome first is up to you too. An abort never leaves the
   *   lock held by nobody (asyncio's `acquire()` does the same when its task is cancelled just after
   *   being woken). An abort that comes later, a microtask or more after that `release()`, may find
   *   the waiter already awake, its `acquire()` resolved, or not yet: either is fine, as long as
   *   `acquire()` then either resolves and holds the lock, or rejects and passes the lock on.
   * - Once `acquire()` has resolved, the signal no longer matters: an abort then changes nothing,
   *   and the caller holds the lock until it calls `release()`.
   * - Nothing is left behind: once `acquire()` has settled, either way, its abort listener is no
   *   longer on the signal.
   */
  acquire(options: AcquireOptions = {}): Promise<void> {
    throw new Error('acquire is not implemented yet: open exercises/09-locks/lock.ts and write it.');
  }

  /**
   * Gives the lock back.
   *
   * - If callers are waiting, the lock goes straight to the first of them: it stays held
   *   (`locked()` stays `true`), and that waiter's `acquire()` resolves, in a microtask, at the same
   *   virtual time. No barging: any `acquire()` called after this `release()` queues behind the
   *   waiters already there, even when it is called at once, in the same synchronous code, by the
   *   very caller that released (in a loop of acquire, work, release, that caller does not get the
   *   lock back before the others had their turn).
   * - If nobody waits, the lock becomes free: `locked()` is `false`.
   * - If the lock is free, `release()` throws an `Error` (asyncio raises
   *   `RuntimeError('Lock is not acquired.')`; the message is up to you), and changes nothing: the
   *   lock stays free. So releasing twice throws the second time.
   */
  release(): void {
    throw new Error('release is not implemented yet: open exercises/09-locks/lock.ts and write it.');
  }

  /**
   * `async with lock:` for TypeScript: acquires the lock, runs `fn`, releases the lock, whatever
   * happens.
   *
   * - It waits for the lock exactly as `acquire(options)` does, in the same queue as `acquire()`
   *   callers. If that wait rejects (the signal), `runExclusive` rejects with the same reason and
   *   never calls `fn`.
   * - Once it holds the lock, it calls `fn()` once, with no arguments (at once when the lock is
   *   free: at the same virtual time; whether in the same synchronous call or a microtask later is
   *   up to you). `fn` is never called while someone else holds the lock.
   * - `fn` may return a value, a promise or any thenable (an object with a `then` method that is not
   *   a Promise: wait for it as `await` does). When that settles, `runExclusive` first
   *   releases the lock (handing it to the next waiter, if any), then resolves with `fn`'s value or
   *   rejects with `fn`'s error, the very same value, whatever it is. If `fn` throws synchronously,
   *   `runExclusive` releases the lock and rejects with what `fn` threw: it never throws itself.
   * - The signal is only for the wait: once `fn` has been called, aborting it changes nothing, and
   *   `fn` keeps the lock until it has finished.
   */
  runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    throw new Error('runExclusive is not implemented yet: open exercises/09-locks/lock.ts and write it.');
  }
}
