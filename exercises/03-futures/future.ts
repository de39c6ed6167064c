// Exercise: an asyncio-style Future
// Lesson: lessons/03-futures.md · Check: npm run check -- future · Grade: npm run grade -- future
//
// An asyncio Future is a box for a result that is not there yet: anyone holding it can fill it
// once (`set_result`, `set_exception`) or cancel it, ask whether it is `done()`, read its
// `result()`, register done callbacks, and `await` it. A JavaScript promise does the waiting part
// but lets nobody look inside it or cancel it. Build the asyncio Future in TypeScript, awaitable
// like a promise.

/** Thrown when a future is asked for something its state does not allow (asyncio.InvalidStateError). */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/** What a cancelled future throws from `result()` and rejects its awaiters with (asyncio.CancelledError). */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the future was cancelled') {
    super(message);
  }
}

/** A done callback: called with the future it was added to. */
export type DoneCallback<T> = (future: Future<T>) => void;

/**
 * A result that will be there later. A future starts pending and ends in exactly one of three
 * states, for good: finished with a result (`setResult`), finished with an exception
 * (`setException`), or cancelled (`cancel`). `done()` is true in all three.
 *
 * Any value can be the result or the exception, `undefined`, `null`, `0`, `false` and `''`
 * included: after `setResult(undefined)` the future is done with the result `undefined`, and after
 * `setException(0)` it has failed with the exception `0`.
 *
 * Creating a future starts nothing: it starts no timer. A future is only a place to put an outcome.
 */
export class Future<T> implements PromiseLike<T> {
  // Add the fields you need here.

  /** `true` once the future has a result or an exception, or has been cancelled; `false` while pending. */
  done(): boolean {
    throw new Error('done is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /** `true` if the future was cancelled; `false` while pending and when it finished in any other way. */
  cancelled(): boolean {
    throw new Error('cancelled is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * The outcome, read synchronously.
   *
   * - Finished with a result: returns it.
   * - Finished with an exception: throws that exception, the very same value given to `setException`.
   * - Cancelled: throws a `CancelledError` whose message is the `msg` given to `cancel`, even `''`
   *   (and the default message of `CancelledError`, `'the future was cancelled'`, when `msg` was
   *   left out or `undefined`). Whether each call throws a new `CancelledError` or the same one is
   *   up to you: only its class and its message count.
   * - Still pending: throws an `InvalidStateError` (it never returns `undefined` for "not yet").
   */
  result(): T {
    throw new Error('result is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * The exception, read synchronously.
   *
   * - Finished with an exception: returns it (the same value given to `setException`).
   * - Finished with a result: returns `undefined`.
   * - Cancelled: throws a `CancelledError`, as `result()` does.
   * - Still pending: throws an `InvalidStateError`.
   */
  exception(): unknown {
    throw new Error('exception is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * Finishes the future with `value` and queues its done callbacks (see `addDoneCallback`).
   * `value` is kept as it is, like asyncio does, even when it is a promise: `result()` returns
   * that very value, and the future is done at once.
   * Throws an `InvalidStateError`, and changes nothing, if the future is already done: a future is
   * settled once, and a second `setResult` or `setException`, or any of them after `cancel`, is a bug.
   */
  setResult(value: T): void {
    throw new Error('setResult is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * Finishes the future with `error` (any value, usually an `Error`) and queues its done
   * callbacks. Throws an `InvalidStateError`, and changes nothing, if the future is already done.
   *
   * A future that fails while nobody awaits it is not an unhandled rejection: the error simply
   * waits in the future until someone asks for it with `result()`, `exception()` or `await`.
   */
  setException(error: unknown): void {
    throw new Error('setException is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * Cancels the future: if it is pending, it becomes cancelled (and done), its done callbacks are
   * queued, and `cancel` returns `true`. If it is already done (finished or cancelled), nothing
   * changes and `cancel` returns `false`.
   *
   * After a cancel, `result()` throws and `await` rejects with a `CancelledError` carrying `msg`
   * (see `result()` for `''` and for no `msg`).
   */
  cancel(msg?: string): boolean {
    throw new Error('cancel is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * Registers `fn` to be called with this future once it is done.
   *
   * - Callbacks are never called synchronously: not inside `setResult`, `setException` or
   *   `cancel`, and not inside `addDoneCallback`. Each call is queued as a microtask of its own
   *   (`queueMicrotask`), so it runs before any timer, right after the code that is running now.
   * - Callbacks added while the future is pending are queued, in the order they were added, at
   *   the moment the future becomes done, inside `setResult`, `setException` or `cancel`: they run
   *   before a microtask queued after that call. A callback added once the future is done is
   *   queued at once, inside `addDoneCallback` (asyncio schedules it with `call_soon`).
   * - Each registration runs exactly once: adding the same function twice runs it twice, and
   *   adding a callback after completion runs only that callback, not the earlier ones again.
   * - A callback that throws does not stop the other callbacks and does not change the future or
   *   its awaiters. Its error is not swallowed either: Node reports it, as it reports any error
   *   thrown in a microtask.
   * - How done callbacks interleave with the callbacks of the promises that `then` returns is
   *   not specified.
   */
  addDoneCallback(fn: DoneCallback<T>): void {
    throw new Error('addDoneCallback is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * Removes every registration of `fn` that has not been queued yet and returns how many it
   * removed (0 if there was none). From the moment the future is done, its callbacks are already
   * queued: `removeDoneCallback` returns 0 and cannot stop them.
   */
  removeDoneCallback(fn: DoneCallback<T>): number {
    throw new Error('removeDoneCallback is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }

  /**
   * What `await future` calls. Returns a real `Promise` that settles as
   * `promise.then(onFulfilled, onRejected)` would if `promise` held the future's outcome:
   * fulfilled with the result, rejected with the exception, or rejected with a `CancelledError`
   * (carrying `msg`) if the future was cancelled. A result that is itself a promise or another
   * thenable is followed, as `resolve` does: `await` gives what it settles to. It works before
   * and after the future is done, any number of times, and never calls `onFulfilled` or
   * `onRejected` synchronously.
   *
   * Calling `then` is what retrieves the outcome: the promise it returns is an ordinary promise,
   * so if it rejects and nobody handles it, Node reports it as an unhandled rejection. A future
   * that nobody awaits never causes one.
   */
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    throw new Error('then is not implemented yet: open exercises/03-futures/future.ts and write it.');
  }
}
