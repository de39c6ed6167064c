// Exercise: shield: keep the work running when the wait is cancelled
// Lesson: lessons/06-timeouts.md · Check: npm run check -- shield · Grade: npm run grade -- shield
//
// In asyncio, cancelling a task that awaits another task cancels that one too, and
// `await asyncio.shield(task)` stops that: if the awaiting task is cancelled, the `await` raises
// CancelledError but the shielded task runs on. In TypeScript, work stops only if it is given a
// signal and listens to it, so the work to protect is started without one, and `shield` takes it
// as a promise that is already running: what it can cancel is the wait, never the work.

/**
 * Waits for `work`, and lets the wait be cancelled through `signal` while `work` runs on.
 *
 * - Until `signal` aborts, the returned promise settles as `work` does, at the moment it does: it
 *   resolves with the same value, or rejects with the very same error, whatever it is (even
 *   `undefined` or a string). With no `signal`, it simply follows `work`. `work` may be any
 *   thenable, not only a `Promise`; what `shield` returns is always a real `Promise`.
 * - If `signal` aborts first, the returned promise rejects with `signal.reason` at that moment
 *   (like the CancelledError of the awaiting task in asyncio). If `signal` is already aborted,
 *   it rejects with `signal.reason` at once, without waiting for `work` (and without throwing). The
 *   reason is used as it is, whatever it is (an `Error`, a string, `null`).
 * - `shield` never tries to stop `work`, and anyone who holds `work` still gets its outcome.
 * - Like asyncio's shield, it still follows `work` after the wait is cancelled, and also when
 *   `signal` was already aborted, so a later failure of `work` never becomes an unhandled
 *   rejection because of `shield`; to see that error, await `work`.
 * - Nothing is left behind: once the returned promise has settled, no abort listener of `shield`
 *   stays on `signal` (whichever way it settled, even if `work` never does). Aborting `signal`
 *   afterwards changes nothing.
 */
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  throw new Error('shield is not implemented yet: open exercises/06-timeouts/shield.ts and write it.');
}
