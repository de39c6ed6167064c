// Exercise: a Task over a cancellable async function
// Lesson: lessons/04-tasks.md · Check: npm run check -- task · Grade: npm run grade -- task
//
// `asyncio.create_task(coro)` schedules a coroutine and hands you a Task: you can await it, ask
// whether it is done, read its result or exception without awaiting, and cancel it. A JavaScript
// promise only lets you await. Build the rest: a Task that runs an async function, keeps its
// outcome where you can look at it, and cancels the work through the AbortSignal it was given.

/** What awaiting a cancelled task rejects with, and what its `result()` and `exception()` throw. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the task was cancelled') {
    super(message);
  }
}

/** Thrown by `result()` and `exception()` of a task that is not done yet. */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
  constructor(message = 'the task is not done yet') {
    super(message);
  }
}

/**
 * A running piece of work that you can await (`await task`), inspect and cancel, like asyncio's
 * Task. It is done once it has succeeded, failed or been cancelled, and it never changes after that.
 */
export interface Task<T> extends PromiseLike<T> {
  /**
   * Returns a real `Promise` that settles as `promise.then(onFulfilled, onRejected)` would if
   * `promise` held the task's outcome: the value of `fn`, the error of `fn`, or the task's
   * `CancelledError`. Never calls `onFulfilled` or `onRejected` synchronously.
   */
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  /** `true` once the task has succeeded, failed or been cancelled; `false` while it runs. */
  done(): boolean;
  /**
   * `true` if the task was cancelled by `cancel()`; `false` otherwise (running, succeeded or failed).
   * A task whose `fn` rejects with a `CancelledError` of its own has failed: it was not cancelled.
   */
  cancelled(): boolean;
  /**
   * The value of a task that succeeded. Throws `InvalidStateError` if the task is not done, the
   * error of `fn` if it failed (whatever it is, even `undefined`), and the task's `CancelledError`
   * if it was cancelled.
   */
  result(): T;
  /**
   * The error of a task that failed, or `undefined` if it succeeded. Throws `InvalidStateError` if
   * the task is not done, and the task's `CancelledError` if it was cancelled.
   */
  exception(): unknown;
  /**
   * Cancels a task that is not done yet, and returns `true`. At once, before `cancel` returns, in
   * this order:
   * 1. the task becomes done and cancelled, and its outcome is a new `CancelledError(message)`
   *    (with the class's default message only when `message` is undefined: `cancel('')` gives the
   *    message `''`);
   * 2. then the signal given to `fn` is aborted, with that same `CancelledError` as its `reason`,
   *    so that work that listens to the signal can stop. An abort listener therefore already sees
   *    a task that is done and cancelled (and a `cancel()` from it returns `false`).
   * Awaiting the task then rejects with that `CancelledError`. Whatever `fn` does afterwards (it
   * may ignore the signal and succeed, or reject) is ignored and changes nothing. If `fn` has not
   * been called yet, it never will be.
   * On a task that is already done (succeeded, failed or cancelled), `cancel` does nothing and
   * returns `false`.
   */
  cancel(message?: string): boolean;
  /**
   * Calls `callback(task)` once, after the task is done, on a later microtask: never synchronously,
   * not even when the task is already done. Callbacks run in the order they were added.
   * A callback that throws does not stop the callbacks after it and changes nothing about the task.
   * Its error is not swallowed either: it goes to `console.error` (asyncio logs it too), or it
   * surfaces as an uncaught exception or an unhandled rejection; any of the three will do.
   */
  addDoneCallback(callback: (task: Task<T>) => void): void;
}

/**
 * Creates a task that runs `fn`, the way `asyncio.create_task` schedules a coroutine.
 *
 * - `createTask` returns at once and does not call `fn`. It calls `fn` on a microtask
 *   (`queueMicrotask`): not during `createTask`, but before any timer fires, and as soon as the
 *   code that created the task awaits anything. `fn` is called once, with an `AbortSignal` that
 *   only `cancel()` aborts.
 * - When the promise of `fn` fulfils, the task succeeds with its value; when it rejects, the task
 *   fails with its error (the same value, whatever it is). If `fn` throws synchronously, the task
 *   fails with what it threw. The task's state changes at that very moment, before anyone
 *   awaiting it resumes.
 * - A task that fails or is cancelled and that nobody awaits causes no unhandled rejection, not
 *   even when it has done callbacks: its error stays in the task, for `result()`, `exception()`
 *   or `await`.
 *
 * asyncio's `cancel()` only asks: the task ends later, when its coroutine has handled the
 * `CancelledError`. A JavaScript function cannot be interrupted, so this Task ends at once and
 * tells the work to stop through the signal.
 */
export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  throw new Error('createTask is not implemented yet: open exercises/04-tasks/task.ts and write it.');
}
