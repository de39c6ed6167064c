// Wrong: an aborted wait() rejects but stays in the list of waiters, so nWaiting still counts it

/** Options of `wait`. */
export interface WaitOptions {
  /** Aborting it gives up waiting (asyncio: cancelling the task that waits in `wait()`). */
  signal?: AbortSignal;
}

/**
 * A flag that async code can wait for, like asyncio's `Event`.
 *
 * Words used below: the event is either *set* or *clear*; a *waiter* is a `wait()` that is pending
 * because the event was clear when it was called, and has not been released by a `set()` nor
 * given up with its signal.
 *
 * - A new event is clear, with no waiter, and creating it starts nothing.
 * - The event uses no timers: every promise settles in the same turn of the event loop as the
 *   call (`set()`, `wait()`) or the abort that settled it, at its virtual time: in a microtask
 *   (a `process.nextTick` callback would do too; nothing here depends on their order).
 */
export class Event {
  /** Whether the event is set. */
  #set = false;
  /** The waiters, in the order they called wait(): each one's release function. */
  readonly #waiters: Waiter[] = [];

  /** `true` while the event is set, `false` while it is clear (asyncio: `is_set()`). */
  isSet(): boolean {
    return this.#set;
  }

  /**
   * How many waiters there are now: `wait()` calls still pending, not yet released by a `set()`
   * nor given up with their signal. (asyncio shows it only in the event's `repr()`.)
   */
  get nWaiting(): number {
    return this.#waiters.length;
  }

  /**
   * Sets the event (asyncio: `set()`).
   *
   * - Releases every waiter, there and then, in this call: `nWaiting` is 0 as soon as `set()`
   *   returns, in the same synchronous code, and each released `wait()` resolves in this turn of
   *   the event loop, in the order the waiters called `wait()` (among those still waiting, when
   *   some have given up). Whether `set()` resolves their promises in the call itself or queues
   *   that is up to you, as long as nothing that happens after the call changes the outcome.
   * - Nothing can take that back: a `clear()` right after, in the same synchronous code, still
   *   leaves every `wait()` released by this `set()` to resolve (asyncio: the waiters woken by
   *   `set()` return `True` even if the event was cleared before they ran). So `set()` then
   *   `clear()` releases exactly the waiters there at that moment.
   * - From now on, until `clear()`, the event is set: `isSet()` is `true`, and every `wait()`
   *   resolves at once.
   * - On an event that is already set, it does nothing.
   */
  set(): void {
    if (this.#set) return;
    this.#set = true;
    for (const waiter of this.#waiters.splice(0)) waiter.release();
  }

  /**
   * Clears the event (asyncio: `clear()`): from now on, until the next `set()`, `isSet()` is
   * `false` and a `wait()` waits. It settles no promise: a `wait()` already released by a `set()`
   * still resolves, and the waiters go on waiting, whether the event was set or clear (`clear()`
   * is not a reset). On an event that is clear, it does nothing.
   */
  clear(): void {
    this.#set = false;
  }

  /**
   * Waits until the event is set. Resolves with `undefined` (asyncio's `wait()` returns `True`).
   * Never throws: every failure is a rejection.
   *
   * - `options.signal` already aborted: rejects with `signal.reason` at once, as it is (an Error, a
   *   string, `undefined`: whatever value it is, never wrapped), even when the event is set, and
   *   does not become a waiter. (This check comes first, on every call, the event set or clear.)
   * - The event is set: resolves at once, in a microtask.
   * - The event is clear: becomes a waiter (`nWaiting` goes up by one), and resolves when a `set()`
   *   releases it, however long that takes.
   * - `options.signal` aborts while it waits: it stops being a waiter at that moment (`nWaiting`
   *   goes down by one before the code that aborted goes on) and rejects with `signal.reason`, as
   *   it is; the next `set()` does not concern it. The other waiters go on waiting, in their order.
   * - Once a `set()` has released it (in the `set()` call, even before its promise has settled),
   *   the signal no longer matters: its `wait()` resolves even if the signal aborts right after, in
   *   the same synchronous code, and that abort changes nothing else either (not `nWaiting`, not
   *   the waiters that came after).
   * - Nothing is left behind: once `wait()` has settled, whichever way (released by `set()` or
   *   given up with its signal), its abort listener is no longer on the signal (removed, or a
   *   `{ once: true }` listener that has fired), and a `wait()` settled in its own call (an
   *   already-aborted signal, a set event) has none on it from the moment it returns.
   */
  wait(options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#set) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        release: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }
}

interface Waiter {
  /** Called by set(): resolves the wait() and removes its abort listener. */
  release(): void;
}
