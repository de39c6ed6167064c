// Exercise: sleep(ms, { signal })
// Lesson: lessons/01-event-loop.md · Check: npm run check -- sleep · Grade: npm run grade -- sleep
//
// asyncio has `await asyncio.sleep(seconds)`, and a task that sleeps can be cancelled.
// Build the TypeScript counterpart: a promise that resolves after a timer, and that can be
// cancelled through an AbortSignal.

export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

/**
 * Resolves (with `undefined`) after `ms` milliseconds, counted from the call and measured with the
 * global `setTimeout` (the grader runs it on a virtual clock; the `setTimeout` of `node:timers` or
 * `node:timers/promises` would escape that clock).
 *
 * - It returns the promise at once, and each call has a timer of its own: sleeps started together
 *   run side by side, and aborting one signal cancels only the sleeps that were given it.
 * - `ms` of 0 or less resolves on the next turn of the event loop, like `setTimeout(fn, 0)`:
 *   never synchronously, and never in a microtask of the current turn.
 * - If `options.signal` is already aborted, the promise rejects with `signal.reason` at once (in the
 *   same turn of the event loop) and no timer is started, not even one that is cleared right away.
 * - If the signal aborts while sleeping, the promise rejects with `signal.reason` at that moment (in
 *   the same turn of the event loop as the `abort()` call, without waiting for any timer) and the
 *   timer is cleared.
 * - The rejection is `signal.reason` itself, whatever it is: an `Error`, the default `AbortError`
 *   `DOMException`, or a string, `0` or `null` given to `abort(reason)`.
 * - Nothing is left behind either way: no timer after an abort, no abort listener on the signal
 *   after the sleep resolves or rejects (on every path, including the already-aborted one).
 */
export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  throw new Error('sleep is not implemented yet: open exercises/01-event-loop/sleep.ts and write it.');
}
