// Wrong: an aborted waiter rejects but stays in the queue, so a later release hands the permit to a caller that has gone, and the permit is lost.
export interface AcquireOptions {
  /** Aborting this signal gives up the wait, like cancelling the task that awaits `sem.acquire()`. */
  signal?: AbortSignal;
}

/**
 * A counting semaphore that is fair: asyncio's `Semaphore`. It holds a number of permits; each
 * `acquire()` takes one, each `release()` gives one back, and an `acquire()` that finds none free
 * waits in a queue, first come, first served.
 *
 * - `new Semaphore(value = 1)` starts with `value` free permits. `value` must be a whole number, 0
 *   or more (0 makes a semaphore that starts locked, until someone calls `release()`): anything
 *   else (`-1`, `1.5`, `NaN`, `Infinity`, a string) makes the constructor throw a `RangeError`.
 * - `value` is the number of permits free right now, and `waiting` the number of `acquire()`
 *   calls waiting in the queue. `locked()` is `true` when an `acquire()` made now would have to
 *   wait (no permit is free), as in asyncio. A permit that `release()` has handed to a waiter is
 *   that waiter's: it is not free, even before the waiter's `await` resumes.
 * - `acquire({ signal })` returns a promise and never throws. If a permit is free and nobody is
 *   waiting, it takes the permit during the call itself (`value` is 1 lower as soon as `acquire`
 *   returns) and resolves with `undefined`; from then on the caller holds the permit, whatever
 *   its signal does later. Otherwise it joins the end of the queue during the call (`waiting` is
 *   1 higher as soon as `acquire` returns) and resolves with `undefined` once `release()` hands it
 *   a permit.
 * - `release()` gives a permit back, synchronously. If calls are waiting, it hands the permit
 *   straight to the first one in the queue (`value` does not change, `waiting` drops by 1 at
 *   once), so waiters get permits in the order in which they called `acquire()`. Otherwise
 *   `value` goes up by 1. No barging: an `acquire()` called right after a `release()`, in the same
 *   synchronous code, queues behind the waiter that got the permit, even when the caller is the
 *   one that just released it. A `Semaphore` may be released more often than it was acquired:
 *   each extra `release()` adds a permit, beyond the initial `value` (as in asyncio).
 * - The signal. If `options.signal` is already aborted, `acquire` rejects with `signal.reason`
 *   at once, without taking a permit (even a free one) and without queuing. If it aborts while
 *   the call waits, the call leaves the queue at once (`waiting` drops by 1 in the abort itself)
 *   and `acquire` rejects with `signal.reason`, at that moment; the waiters behind it move up.
 *   If it aborts after `release()` handed this waiter its permit but before `acquire`'s promise
 *   has resolved (an abort in the same synchronous code as that `release()` always counts as
 *   one), the waiter does not keep the permit: `acquire` passes it on exactly as `release()`
 *   would (to the next waiter, or back to `value`) and rejects with `signal.reason`. An abort
 *   after `acquire` has resolved changes nothing: the caller holds the permit until it releases
 *   it. (An abort in the few microtasks between the hand-over and the resolution may go either
 *   way.) No permit is ever lost or created by an abort. The reason is used as it is, whatever
 *   it is. Once `acquire` has settled, its listener is off the signal (it adds none when it does
 *   not wait).
 * - `run(fn, { signal })` is `async with sem:`. It acquires a permit as `acquire({ signal })`
 *   does, then calls `fn()` once, with no arguments, and gives the permit back with `release()`
 *   as soon as what `fn` returned has settled (a promise, any thenable or a plain value), or `fn`
 *   has thrown; it resolves with `fn`'s value or rejects with its error, unchanged. If the
 *   acquire rejects, `fn` is never called and `run` rejects with that reason.
 */
export class Semaphore {
  #value: number;
  /** The waiters, first come first served; each one is the function that hands it a permit. */
  readonly #queue: (() => void)[] = [];

  constructor(value = 1) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`a semaphore needs a whole number of permits, 0 or more; got ${String(value)}`);
    }
    this.#value = value;
  }

  /** The number of permits free right now. */
  get value(): number {
    return this.#value;
  }

  /** The number of `acquire()` calls waiting in the queue. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** `true` when an `acquire()` made now would have to wait. */
  locked(): boolean {
    return this.#value === 0;
  }

  /** Takes a permit, waiting in line for one if none is free. */
  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    // While anyone waits, value is 0 (release hands permits straight on), so this is no barging.
    if (this.#value > 0) {
      this.#value--;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        reject(signal?.reason);
      };
      this.#queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (signal?.aborted) throw signal.reason;
  }

  /** Gives a permit back: to the first waiter, or to the count. */
  release(): void {
    this.#handOn();
  }

  /** Runs `fn` while holding a permit: `async with sem:`. */
  async run<T>(fn: () => PromiseLike<T> | T, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  #handOn(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#value++;
  }
}

/**
 * A `Semaphore` that refuses a release too many: asyncio's `BoundedSemaphore`. It extends
 * `Semaphore` and works exactly like it (same constructor check, same queue, same signal rules),
 * except for `release()`: when `value` is already the initial value or more (every permit is
 * free, so nobody holds one), `release()` throws a `RangeError` synchronously and changes nothing
 * (asyncio raises `ValueError('BoundedSemaphore released too many times')`; the message is up to
 * you). So `new BoundedSemaphore(0)` can never be released. An abort that passes a permit on is
 * not a call of `release()`: it is never checked and never throws. (So in one corner `value` can
 * end above the initial value, as in asyncio: `release()` hands a permit to a waiter, a second
 * `release()` comes while `value` is below the initial value, and then the waiter's signal
 * aborts, so its permit goes back to the count too; the next `release()` throws.)
 */
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
