// Wrong: reset() empties the round without rejecting the parties in it, so they wait for ever

/**
 * What `wait()` rejects with when the barrier is broken, or is aborted or reset while it waits
 * (asyncio: `BrokenBarrierError`). The message is up to you.
 */
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
}

/** Options of `wait`. */
export interface WaitOptions {
  /** Aborting it gives up waiting (asyncio: cancelling the task that waits in `wait()`). */
  signal?: AbortSignal;
}

/**
 * A meeting point for `parties` callers, reusable round after round, like asyncio's `Barrier`.
 *
 * Words used below: callers *arrive* by calling `wait()`. The current *round* holds the callers
 * that have arrived and wait, in order of arrival (the *waiting parties*). When the `parties`-th
 * caller arrives, the round is *released*: all of them go on together, and a new, empty round
 * begins. The barrier is *broken* from `abort()` until `reset()`.
 *
 * - A new barrier is not broken, its round is empty, and creating it starts nothing.
 * - The barrier uses no timers: every promise settles in the same turn of the event loop as the
 *   call (`wait()`, `abort()`, `reset()`) or the abort that settled it, at its virtual time: in a
 *   microtask (a `process.nextTick` callback would do too; nothing here depends on their order).
 */
export class Barrier {
  readonly #parties: number;
  /** The waiting parties of the current round, in order of arrival. */
  #round: Party[] = [];
  #broken = false;

  /**
   * `parties` is how many callers each round waits for: a whole number, 1 or more. Anything else
   * (0, negative, fractional, `NaN`, `Infinity`) throws a `RangeError`. (asyncio raises
   * `ValueError('parties must be > 0')`, and only for values below 1.)
   */
  constructor(parties: number) {
    if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`parties must be a whole number, 1 or more; got ${String(parties)}`);
    this.#parties = parties;
  }

  /** The `parties` given to the constructor. */
  get parties(): number {
    return this.#parties;
  }

  /**
   * How many callers wait in the current round now: 0 to `parties - 1`. It is 0 again as soon as a
   * round is released, and 0 while the barrier is broken (asyncio: `n_waiting`).
   */
  get nWaiting(): number {
    return this.#round.length;
  }

  /** `true` from an `abort()` until the next `reset()`, `false` otherwise (asyncio: `broken`). */
  get broken(): boolean {
    return this.#broken;
  }

  /**
   * Arrives at the barrier and waits until its round is released. Resolves with this caller's
   * index in its round: 0 for the first to arrive, 1 for the next, and so on up to `parties - 1`
   * for the last (asyncio: the value of `await barrier.wait()`). Never throws: every failure is a
   * rejection.
   *
   * - `options.signal` already aborted: rejects with `signal.reason` at once, as it is (whatever
   *   value it is, never wrapped), and does not arrive: `nWaiting` stays as it was, and no round is
   *   released. This check comes first, before the broken one.
   * - Broken: rejects with a `BrokenBarrierError` at once, and does not arrive.
   * - Fewer than `parties - 1` callers waiting: joins the round at its end (`nWaiting` goes up by
   *   one) and waits, however long it takes.
   * - The `parties`-th arrival (counting this one; with `parties` 1, every call): releases the
   *   round, in this very call. Every waiting party's `wait()` and this one resolve, each with its
   *   index, in microtasks of this same turn of the event loop (the order in which they resolve is
   *   up to you). `nWaiting` is 0 as soon as this `wait()` returns, and the next `wait()` starts
   *   the next round, at index 0, even when it is called right after, in the same synchronous code
   *   or from the callback of a party just released.
   * - `options.signal` aborts while it waits: it leaves the round at that moment (`nWaiting` goes
   *   down by one) and rejects with `signal.reason`. The barrier is not broken, and the others go
   *   on waiting: the round now needs one more arrival. Indices count only the parties still in the
   *   round when it is released, in order of arrival, so the parties released together always
   *   have the indices 0 to `parties - 1`, each once. For example, with `parties` 3: `a` and `b`
   *   arrive, `a` aborts, `c` and `d` arrive: `b`, `c` and `d` resolve with 0, 1 and 2. (asyncio
   *   differs: its index is the count of tasks waiting at arrival, so after a cancellation two
   *   tasks of a round can get the same index.)
   * - Once its round is released (in the call of the last arrival, even before its promise has
   *   settled), the signal no longer matters: its `wait()` resolves with its index even if the
   *   signal aborts right after, in the same synchronous code, and that abort changes nothing else
   *   either (not `nWaiting`, not the next round).
   * - `abort()` or `reset()` while it waits: rejects with a `BrokenBarrierError` at that moment.
   * - Nothing is left behind: once `wait()` has settled, whichever way (released, its signal,
   *   `abort()`, `reset()`), its abort listener is no longer on the signal (removed, or a
   *   `{ once: true }` listener that has fired), and a `wait()` settled in its own call (an
   *   already-aborted signal, a broken barrier, the last arrival of a round) has none on it from
   *   the moment it returns.
   */
  wait(options: WaitOptions = {}): Promise<number> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#broken) return Promise.reject(new BrokenBarrierError('the barrier is broken'));
    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        this.#round.splice(this.#round.indexOf(party), 1);
        reject(signal?.reason);
      };
      const party: Party = {
        settle: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          if (typeof outcome === 'number') resolve(outcome);
          else reject(outcome);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#round.push(party);
      if (this.#round.length === this.#parties) {
        const released = this.#round;
        this.#round = [];
        released.forEach((each, index) => each.settle(index));
      }
    });
  }

  /**
   * Breaks the barrier (asyncio: `await barrier.abort()`; here it is a plain method that acts at
   * once). Every waiting party's `wait()` rejects with a `BrokenBarrierError` at that moment,
   * `nWaiting` is 0, `broken` is `true`, and every `wait()` from now on rejects with a
   * `BrokenBarrierError`, until `reset()`. On a broken barrier it does nothing more.
   */
  abort(): void {
    this.#broken = true;
    this.#breakRound('the barrier was aborted');
  }

  /**
   * Starts the barrier afresh (asyncio: `await barrier.reset()`; here it is a plain method that
   * acts at once). Every waiting party of the current round rejects with a `BrokenBarrierError` at
   * that moment; then the barrier is not broken (even if `abort()` had broken it), `nWaiting` is
   * 0, and the next `wait()` starts a new round, at index 0. On a barrier that is not broken and
   * has nobody waiting, it changes nothing.
   */
  reset(): void {
    this.#broken = false;
    this.#round = [];
  }

  /** Rejects every waiting party of the current round with a BrokenBarrierError and empties it. */
  #breakRound(message: string): void {
    for (const party of this.#round.splice(0)) party.settle(new BrokenBarrierError(message));
  }
}

interface Party {
  /** Resolves the wait() with its index, or rejects it with the error; removes its abort listener. */
  settle(outcome: number | BrokenBarrierError): void;
}
