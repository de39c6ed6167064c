// Exercise: a TaskGroup
// Lesson: lessons/08-task-group.md · Check: npm run check -- task-group · Grade: npm run grade -- task-group
//
// asyncio's `async with asyncio.TaskGroup() as tg:` starts tasks with `tg.create_task(...)`, waits
// for all of them at the end of the block, cancels the rest at the first failure, and raises every
// error together in an ExceptionGroup. Build the same in TypeScript, in two forms:
//
//   const value = await taskGroup(async (tg) => {      // the callback form: sees the body's error
//     tg.createTask((signal) => fetchPage('a', signal));
//     return 'done';
//   });
//
//   await using tg = new TaskGroup();                   // `await using`: sees only the end of the scope
//   tg.createTask((signal) => fetchPage('b', signal));
//
// The two error classes below are ready to use: throw them, do not change them.

/** What a failed group rejects with: every failure, in the order the group saw them. */
export class ExceptionGroup extends AggregateError {
  override name = 'ExceptionGroup';
  constructor(errors: Iterable<unknown>, message = 'unhandled errors in a TaskGroup') {
    super(errors, message);
  }

  /** Python's name for `errors`. */
  get exceptions(): readonly unknown[] {
    return this.errors;
  }
}

/** Thrown by `createTask` when the group no longer accepts tasks. */
export class TaskGroupClosedError extends Error {
  override name = 'TaskGroupClosedError';
  /** `'finished'`: the group has finished; `'shutting down'`: it has failed and is waiting for its tasks. */
  readonly state: 'finished' | 'shutting down';
  constructor(state: 'finished' | 'shutting down') {
    super(state === 'finished' ? 'the task group is finished: it accepts no new tasks' : 'the task group is shutting down after a failure: it accepts no new tasks');
    this.state = state;
  }
}

/**
 * A group of tasks that lives no longer than its body: structured concurrency.
 *
 * Words used below. A *task* is one call of `createTask(fn)`; it is *in flight* from that call
 * until the promise of `fn` settles. The *body* is the code that uses the group: the function
 * given to `taskGroup`, or, with `await using`, the code of the scope; the body *ends* when that
 * function's promise settles (or it throws), or when `[Symbol.asyncDispose]()` is first called
 * (in the `await using` form; do not call it on the group that `taskGroup` made: what it does then
 * is not part of the contract).
 * The group *finishes* at the first moment at which the body has ended and no task is in flight:
 * at once, in the call that ends the body, if nothing is in flight; otherwise in the callback where
 * it learns that the last task in flight has settled (so a callback on that task's promise, the
 * one `createTask` returned, already finds the group finished). A task added after the body ended but before
 * the group finished (by another task, say) is waited for too.
 *
 * Failures:
 * - A *failure* is a task whose promise rejects (or whose `fn` throws synchronously), or, in the
 *   callback form only, a body whose promise rejects (or that throws synchronously), with any
 *   value, `undefined` and non-`Error`s too, with two exceptions that are not collected:
 *   - a *cancellation*: once `signal` is aborted, a rejection with `signal.reason` itself, or with
 *     an `Error` whose `cause` is `signal.reason` (the way Node's own APIs, such as the `setTimeout`
 *     of `node:timers/promises`, reject when their signal aborts);
 *   - a value the group has already collected (the same value, as `===` compares): a body that
 *     awaits a failed task and lets its error go on does not add that error a second time.
 * - The group collects every failure, in the order it learns of them (the order of the rejections,
 *   a failure at 100 ms before one at 300 ms), the body's among them at its place. (Failures in the
 *   same turn of microtasks may come in either order; a synchronous throw of `fn` or of the body may
 *   be learned of at once or a microtask later, as a rejected promise would be.)
 * - At its first failure, and only then, the group starts *shutting down*: at that moment, in the
 *   callback that learns of it, it marks itself shutting down and then aborts `signal` with that
 *   failure's value as the reason (exactly as `controller.abort(value)` does: when the value is
 *   `undefined`, the reason is a `DOMException` named `'AbortError'`). It does not wait for the
 *   tasks to react: tasks that ignore their signal run on, and are still waited for.
 * - When the group finishes after one or more failures, it rejects with an `ExceptionGroup` of all
 *   of them (`new ExceptionGroup(errors)`, with its default message), even when there is only
 *   one; a group without failures never aborts its signal.
 *
 * Nothing becomes an unhandled rejection: a task's failure belongs to the group, and the promises
 * that reject are the ones the group hands out, to whoever asked for them.
 */
export class TaskGroup implements AsyncDisposable {
  /**
   * The signal that every task of the group is given. It aborts at the group's first failure, with
   * that failure as its reason, and never otherwise. The body can watch it too, to stop early.
   */
  get signal(): AbortSignal {
    throw new Error('signal is not implemented yet: open exercises/08-task-group/task-group.ts and write it.');
  }

  /**
   * Starts a task: calls `fn(this.signal)` once, synchronously, before `createTask` returns (as
   * calling an async function does), and returns a promise that settles as the promise of `fn`
   * does (any thenable, or a plain value): the same value or the very same error; a synchronous
   * throw of `fn` becomes a rejection with what it threw (`createTask` does not throw it). A
   * cancellation (see `TaskGroup`) is not collected, but the task's promise still rejects with it,
   * as `fn`'s does. The group learns first: its own handler on that promise runs before those of
   * whoever awaits it, so a body that catches a task's failure finds `signal` already aborted and
   * the group shutting down. Nobody has to await that promise: a failure nobody awaits is collected
   * by the group and never becomes an unhandled rejection.
   *
   * Refuses new tasks: throws a `TaskGroupClosedError` synchronously, without calling `fn`,
   * - with state `'finished'` once the group has finished (whatever its outcome);
   * - otherwise with state `'shutting down'` from the group's first failure on (an abort listener
   *   on `signal` that calls `createTask` is refused too).
   */
  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    throw new Error('createTask is not implemented yet: open exercises/08-task-group/task-group.ts and write it.');
  }

  /**
   * Ends the body (the first call only), and returns a promise that settles when the group
   * finishes: it resolves with `undefined` if nothing failed, and rejects with the
   * `ExceptionGroup` otherwise. Every call, before or after the group finished, settles the same
   * way: all resolve, or all reject with the very same `ExceptionGroup` (the calls may return one
   * promise or one each).
   *
   * `await using tg = new TaskGroup()` calls it when the scope ends, with no argument: if the scope
   * throws, the disposer never learns of it, so the error is not a failure of the group, the
   * tasks are not aborted, and the group waits for them as usual (then JavaScript throws the
   * scope's error, or a `SuppressedError` if the group rejects too).
   */
  [Symbol.asyncDispose](): Promise<void> {
    throw new Error('[Symbol.asyncDispose] is not implemented yet: open exercises/08-task-group/task-group.ts and write it.');
  }
}

/**
 * The callback form: creates a `TaskGroup`, calls `body(group)` once, synchronously, before
 * `taskGroup` returns, and returns a promise that settles when the group finishes: it resolves
 * with the body's value (what its promise resolves with, or what it returns: a body that returns
 * a plain value ends when it returns, or a microtask later, either is fine) if nothing failed, and
 * otherwise rejects with the group's `ExceptionGroup`. A rejection or synchronous throw of the body
 * is a failure like any other (see `TaskGroup`): it aborts the group's signal if it is the first,
 * and the group still waits for every task before it rejects. The group also waits for the body,
 * even after a failure: a body that should stop early watches `tg.signal`. `taskGroup` never
 * throws: every outcome is the promise's.
 */
export function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  throw new Error('taskGroup is not implemented yet: open exercises/08-task-group/task-group.ts and write it.');
}
