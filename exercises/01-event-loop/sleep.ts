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
 * Resolves (with `undefined`) after `ms` milliseconds, measured with `setTimeout`.
 *
 * - `ms` of 0 or less resolves on the next turn of the event loop, like `setTimeout(fn, 0)`.
 * - If `options.signal` is already aborted, the promise rejects with `signal.reason` at once and
 *   no timer is started.
 * - If the signal aborts while sleeping, the promise rejects with `signal.reason` at that moment
 *   and the timer is cleared.
 * - Nothing is left behind either way: no timer after an abort, no abort listener on the signal
 *   after the sleep resolves or rejects.
 */
export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  throw new Error('sleep is not implemented yet: open exercises/01-event-loop/sleep.ts and write it.');
}
