// Exercise: waitFor(fn, ms) that aborts the work and leaks no timer
// Lesson: lessons/06-timeouts.md · Check: npm run check -- wait-for · Grade: npm run grade -- wait-for
//
// asyncio's `await asyncio.wait_for(coro, timeout)` gives the work `timeout` seconds: on time it
// returns the result; too late, it cancels the work and raises TimeoutError. A JavaScript promise
// cannot be cancelled from outside, so here the work is a function that receives an AbortSignal,
// and "cancelling" it means aborting that signal. The work has to listen to it.

export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

/**
 * Runs `fn(signal)` with a time limit of `ms` milliseconds, measured with `setTimeout`. (Do not use
 * `AbortSignal.timeout`: it runs on Node's internal timers, which the grader's virtual clock cannot
 * move.)
 *
 * - `waitFor` creates an `AbortController` of its own and calls `fn` once, synchronously, before it
 *   returns, with that controller's signal, which is not aborted yet. `fn` gets that signal even
 *   when `options.signal` is given, never `options.signal` itself.
 * - If `fn`'s promise (any thenable) resolves first, `waitFor` resolves with its value. If it
 *   rejects first, `waitFor` rejects with the very same error, unchanged, whatever it is (an
 *   `Error`, a string, `undefined`). If `fn` throws synchronously, `waitFor` rejects with what it
 *   threw (it never throws itself). On these paths the signal given to `fn` is never aborted.
 * - If `ms` pass first, `waitFor` creates a timeout error, a `DOMException` named `'TimeoutError'`
 *   (`new DOMException('timed out after 1000 ms', 'TimeoutError')`; the message is up to you), the
 *   same kind of error that `AbortSignal.timeout` uses, then aborts `fn`'s signal with that error as
 *   its reason, then rejects with that same error object, at exactly `ms` of (virtual) time. It does
 *   not wait for `fn` to react: whatever `fn`'s promise does from the abort on is ignored, even a
 *   rejection made at once inside its abort listener, and a later rejection of it must not become
 *   an unhandled rejection. (If `fn` settles at exactly `ms` too, either outcome is fine.)
 * - `ms` of 0 or less gives the work until the next turn of the event loop, like `setTimeout(fn, 0)`:
 *   a promise that is already settled, or that settles in a microtask of the current turn, still
 *   wins; anything that needs a timer times out.
 * - `options.signal` cancels from outside. If it is already aborted, `waitFor` rejects with
 *   `signal.reason` at once, without calling `fn` and without starting a timer (not even one it
 *   clears at once). If it aborts while waiting, `waitFor` aborts `fn`'s signal with the same reason
 *   and rejects with that reason, at that moment; here too, whatever `fn`'s promise does from the
 *   abort on is ignored. The reason is used as it is, whatever it is (an `Error`, a string, `null`).
 * - Nothing is left behind, whichever way it ends (value, error, synchronous throw, timeout, outer
 *   abort): the timer is cleared as soon as `waitFor` settles, the abort listener it added to
 *   `options.signal` is removed, and no rejection of `fn`'s promise becomes an unhandled rejection.
 */
export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  throw new Error('waitFor is not implemented yet: open exercises/06-timeouts/wait-for.ts and write it.');
}
