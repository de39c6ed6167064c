// Hidden spec of 04-tasks/task.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
// createTask
//  1. Returns at once and does not call `fn`.
//       - createTask returns without calling fn, like create_task, which only schedules the coroutine
//  2. Calls `fn` on a microtask: before any timer fires, and as soon as the creator awaits anything.
//       - fn has started by the time the code that created the task awaits anything
//       - fn is called before any timer fires, even one that was already due
//       - tasks run concurrently: tasks of 300 ms and 200 ms are both done at 300 ms
//  3. `fn` is called once, with an AbortSignal that only `cancel()` aborts.
//       - fn is called once, with an AbortSignal that is not aborted
//       - cancel() of a task that has succeeded returns false and changes nothing, not even the signal
//       - cancel() of a task that has failed returns false, keeps its error and leaves the signal alone
//  4. Fulfils: succeeds with its value; rejects: fails with the same value, whatever it is.
//       - awaiting a task gives the value of fn, at the moment fn finishes
//       - awaiting a failed task rejects with the very error of fn, at the moment fn fails
//       - a task whose fn rejects with undefined, null, 0 or '' has failed with that very value
//  5. `fn` throws synchronously: the task fails with what it threw (createTask does not throw).
//       - a fn that throws synchronously fails the task instead of throwing from createTask
//  6. The state changes at that very moment, before anyone awaiting the task resumes.
//       - the state has changed by the time an awaiter of the task resumes, after a success and after a failure
//  7. A failed or cancelled task that nobody awaits causes no unhandled rejection, even with done callbacks.
//       - a failed task that nobody awaits causes no unhandled rejection
//       - a task whose fn throws synchronously and that nobody awaits causes no unhandled rejection
//       - a cancelled task that nobody awaits, and whose fn rejects later, causes no unhandled rejection
//       - done callbacks on a failed or a cancelled task cause no unhandled rejection
// Task
//  8. Done once succeeded, failed or cancelled, and it never changes after that.
//       - a value that fn produces after cancel() is ignored: the task stays cancelled
//       - an error that fn rejects with after cancel() is ignored: the task stays cancelled
//       - cancel() called by fn itself, before fn returns, cancels the task for good
//       - (and the cancel() tests on a task that is already done, below)
// then
//  9. Settles as promise.then(onFulfilled, onRejected) would on the outcome (value, error, CancelledError).
//       - a task can be awaited many times and passed to Promise.all, with the same outcome each time
//       - then behaves as a promise’s then: a missing callback passes the outcome on, a callback’s throw rejects
//       - (and every test that awaits or tracks a task)
// 10. Returns a real Promise and never calls its callbacks synchronously.
//       - then returns a real Promise and never calls its callbacks synchronously
//       - then on a failed or a cancelled task does not call onRejected synchronously either
// done
// 11. `true` once succeeded, failed or cancelled; `false` while it runs.
//       - done() is false while fn runs and true from the moment it finishes
//       - cancel() of a running task returns true, and the task is done and cancelled at once
// cancelled
// 12. `true` only when cancelled by cancel(); `false` while running, after success, after failure.
//       - cancelled() is false while the task runs, after it succeeds and after it fails
// 13. A task whose fn rejects with a CancelledError of its own has failed, not been cancelled.
//       - a task whose fn rejects with a CancelledError of its own has failed: it was not cancelled
// result / exception
// 14. Not done: both throw InvalidStateError.
//       - result() of a task that is not done throws InvalidStateError
//       - exception() of a task that is not done throws InvalidStateError
//       - result() of a task that has not even started yet throws InvalidStateError
// 15. Succeeded: result() returns the value, exception() returns undefined.
//       - after success, result() returns the value and exception() returns undefined
// 16. Failed: result() throws the error of fn (even undefined), exception() returns it.
//       - after a failure, result() throws the error of fn and exception() returns it
//       - a task whose fn rejects with undefined, null, 0 or '' has failed with that very value
// 17. Cancelled: both throw the task's CancelledError.
//       - result() and exception() of a cancelled task throw its CancelledError
// cancel
// 18. On a task that is not done: returns true, and before returning the task is done and cancelled.
//       - cancel() of a running task returns true, and the task is done and cancelled at once
// 19. Its outcome is a new CancelledError(message); the default message only when message is undefined.
//       - cancel(message) gives the CancelledError that message
//       - cancel() without a message gives the CancelledError its default message
//       - cancel('') keeps the empty message instead of the default one
//       - each cancel() makes a new CancelledError: two cancelled tasks do not share one
// 20. Then the signal is aborted, with that same CancelledError as its reason, before cancel returns.
//       - cancel() aborts the signal given to fn, before it returns
//       - the signal is aborted with the CancelledError that awaiting the task rejects with
//       - work that listens to the signal stops: a cancelled task leaves no timer behind
// 21. In this order: an abort listener already sees a done, cancelled task; a cancel() from it returns false.
//       - cancel() ends the task before it aborts the signal: an abort listener already sees it cancelled
// 22. Awaiting the task then rejects with that CancelledError, at once, whatever fn does.
//       - awaiting a cancelled task rejects with a CancelledError at the moment of cancel(), even if fn ignores the signal
// 23. Whatever fn does afterwards (succeed, reject) is ignored and changes nothing.
//       - a value that fn produces after cancel() is ignored: the task stays cancelled
//       - an error that fn rejects with after cancel() is ignored: the task stays cancelled
// 24. If fn has not been called yet, it never will be.
//       - a task cancelled before fn has started never calls fn
// 25. On a task that is already done, cancel does nothing and returns false.
//       - cancel() of a task that has succeeded returns false and changes nothing, not even the signal
//       - cancel() of a task that has failed returns false, keeps its error and leaves the signal alone
//       - a second cancel() returns false and keeps the first CancelledError
// addDoneCallback
// 26. Calls callback(task) once, after the task is done (succeeded, failed or cancelled).
//       - callbacks are called once each, with the task, in the order they were added, when it is done
//       - callbacks are called when the task fails too
//       - cancel() runs the callbacks afterwards, not inside cancel(), and they see a cancelled task
// 27. On a later microtask: never synchronously, not even when the task is already done.
//       - a callback added to a task that is already done is called, but not synchronously
//       - cancel() runs the callbacks afterwards, not inside cancel(), and they see a cancelled task
// 28. In the order they were added.
//       - callbacks are called once each, with the task, in the order they were added, when it is done
//       - callbacks added before the task is done and right after it run in the order they were added
// 29. A callback that throws does not stop the callbacks after it, runs once, and changes nothing.
//       - a done callback that throws does not stop the callbacks after it and changes nothing about the task
// 30. Its error is not swallowed: console.error, an uncaught exception or an unhandled rejection.
//       - the error of a done callback that throws is not swallowed
import { inspect } from 'node:util';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import {
  captureUncaughtExceptions,
  captureUnhandledRejections,
  describeOutcome,
  later,
  loadExercise,
  type Outcome,
  points,
  realTick,
  sleep,
  timeline,
  type Tracked,
  track,
  useVirtualTime,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/04-tasks/task.ts');
type Task<T> = import('@target/04-tasks/task.ts').Task<T>;

const ex = loadExercise<Module>('04-tasks/task', ['createTask', 'CancelledError', 'InvalidStateError']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();
const uncaught = captureUncaughtExceptions();

/** Work that answers `value` after `ms`, listening to its signal; records the signal and its calls. */
function work<T>(ms: number, value: T) {
  const seen = { calls: 0, signal: undefined as AbortSignal | undefined };
  const fn = async (signal: AbortSignal): Promise<T> => {
    seen.calls++;
    seen.signal = signal;
    await sleep(ms, signal);
    return value;
  };
  return { fn, seen };
}

/** Work that rejects with `error` after `ms`, listening to its signal; records the signal it got. */
function failingWork(ms: number, error: unknown) {
  const seen = { signal: undefined as AbortSignal | undefined };
  const fn = async (signal: AbortSignal): Promise<never> => {
    seen.signal = signal;
    await sleep(ms, signal);
    throw error;
  };
  return { fn, seen };
}

/** Work that rejects with `error` after `ms`. */
function failing(ms: number, error: unknown): (signal: AbortSignal) => Promise<never> {
  return failingWork(ms, error).fn;
}

/** Work that ignores its signal and answers `value` after `ms`. */
function stubborn<T>(ms: number, value: T) {
  return async (): Promise<T> => {
    await sleep(ms);
    return value;
  };
}

type Attempt = { readonly threw: unknown } | { readonly returned: unknown };

/** What `action` did, so that a thrown `undefined` still counts as a throw. */
function attempt(action: () => unknown): Attempt {
  try {
    return { returned: action() };
  } catch (error) {
    return { threw: error };
  }
}

/** Runs `action` and returns what it threw (undefined if it did not throw). */
function thrownBy(action: () => unknown): unknown {
  const result = attempt(action);
  return 'threw' in result ? result.threw : undefined;
}

/** A value on one line, for messages. */
function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}(${inspect(value.message)})`;
  return inspect(value, { depth: 1, breakLength: Infinity });
}

/** Fails unless `action` throws `expected` itself (`undefined` included), saying what it did instead. */
function expectThrows(action: () => unknown, expected: unknown, what: string): void {
  const result = attempt(action);
  if (!('threw' in result)) {
    expect.fail(`${what} should throw ${show(expected)}, but it returned ${show(result.returned)}`);
  } else {
    expect(result.threw, `${what} should throw ${show(expected)} itself, not ${show(result.threw)}`).toBe(expected);
  }
}

/**
 * Checks how `tracked` settled, with what and when (as toEqual compares them), and says both
 * outcomes in full: vitest shortens objects and errors.
 */
function expectOutcome(tracked: Tracked<unknown>, expected: Outcome<unknown>, what: string): void {
  const should = expected === 'pending' ? 'should still be pending' : `should have ${describeOutcome(expected)}`;
  expect(tracked.outcome(), `${what} ${should}, but it ${describeOutcome(tracked.outcome())}`).toEqual(expected);
}

/** `a InvalidStateError` would be wrong English. */
const article = (name: string): string => (/^[AEIOU]/.test(name) ? 'an' : 'a');

/**
 * Checks that `result`, what a call did, is a throw of an instance of the exercise's error class
 * `name`, saying what the call did instead; returns what it threw (undefined if it returned).
 */
function expectThrowsClass(result: Attempt, name: 'InvalidStateError' | 'CancelledError', what: string): unknown {
  const thrown = 'threw' in result ? result.threw : undefined;
  const instead = 'threw' in result ? `not ${show(result.threw)}` : `but it returned ${show(result.returned)}`;
  expect(thrown, `${what} should throw ${article(name)} ${name}, ${instead}`).toBeInstanceOf(ex[name]);
  return thrown;
}

/** Checks that `tracked` rejected with an instance of the exercise's error class `name`, saying how it settled instead. */
function expectRejectsWithClass(tracked: Tracked<unknown>, name: 'InvalidStateError' | 'CancelledError', what: string): void {
  expect(tracked.value(), `${what} should reject with ${article(name)} ${name}, but it ${describeOutcome(tracked.outcome())}`).toBeInstanceOf(ex[name]);
}

/** Checks a list of what happened (as toEqual compares them), and says both lists in full: vitest cuts long ones short. */
function expectEvents(actual: readonly unknown[], expected: readonly unknown[], what: string): void {
  const list = (values: readonly unknown[]) => `[${values.map(show).join(', ')}]`;
  expect(actual, `${what}: should be ${list(expected)}, but was ${list(actual)}`).toEqual(expected);
}

// What to look at when a test fails, and the heading of lessons/04-tasks.md that teaches it.
const SCHEDULED = {
  hint: '`createTask` only schedules the work, as `create_task` does: queue the call of `fn` with `queueMicrotask` instead of calling it inside `createTask`.',
  section: 'every-call-is-already-a-task',
} as const;
const ON_A_MICROTASK = {
  hint: 'Start `fn` with `queueMicrotask`: a `process.nextTick` or a 0 ms `setTimeout` runs too late, after the code that awaits right after `createTask` has resumed, or after timers that are already due.',
  section: 'every-call-is-already-a-task',
} as const;
const ONE_SIGNAL = {
  hint: 'Give each task one `AbortController` of its own and call `fn(controller.signal)` exactly once; only `cancel()` aborts that controller.',
  section: 'cancelling-a-task',
} as const;
const CONCURRENT = {
  hint: 'Every task calls its `fn` on its own microtask and nothing waits for another task: tasks started together run together.',
  section: 'many-tasks-at-once',
} as const;
const OUTCOME = {
  hint: 'Give the task its outcome the moment the promise of `fn` settles, with that very value or error, and let every `then`, `await` and `Promise.all` read that same outcome.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;
const SYNC_THROW = {
  hint: 'Call `fn` inside a `try`/`catch` in the microtask that starts it: a synchronous throw fails the task with what was thrown, exactly as a rejection would, instead of escaping.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;
const SYNC_THROW_QUIET = {
  hint: 'A synchronous throw from `fn` is a failure like any other: catch it, keep it in the task, and reject no promise that nobody handles.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const ANY_ERROR = {
  hint: 'Keep the state (running, succeeded, failed, cancelled) in a field of its own: an error of `undefined`, `null`, `0` or `\'\'` is still a failure, so never decide by `error === undefined` or by truthiness.',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const THEN_LIKE_A_PROMISE = {
  hint: 'Do not call `onFulfilled` or `onRejected` yourself: hand both, as they are, to the `then` of a real promise that holds the task\'s outcome, which passes the outcome on when one is missing and always calls back on a microtask.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;
const STATE_FIRST = {
  hint: 'Record the outcome in the task\'s fields in the reaction to `fn`\'s promise, before you settle the promise that awaiters get: when they resume, `done()`, `result()` and `exception()` already tell the truth.',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const CANCELLED_ONLY_BY_CANCEL = {
  hint: '`cancelled()` is true only after a `cancel()` that returned true: keep a state of its own for it rather than deducing it from "not succeeded or failed" or from the class of the error.',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const NOT_DONE_YET = {
  hint: 'While the task runs, or before it has even started, `result()` and `exception()` throw `new InvalidStateError()` instead of returning `undefined`.',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const SUCCEEDED = {
  hint: 'For a task that succeeded, `result()` returns the value of `fn` and `exception()` returns `undefined`, without throwing.',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const FAILED = {
  hint: 'For a task that failed, `result()` throws the error of `fn` itself, and `exception()` returns it.',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const QUIET = {
  hint: 'Attach a rejection handler at once to every promise the task rejects for itself, and keep handling the promise of `fn` after a cancel: a failure nobody awaits waits in the task instead of being reported.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const CALLBACKS_QUIET = {
  hint: 'Hang done callbacks on `then(run, run)` rather than `finally(run)`: the promise that `finally` returns rejects again when the task failed or was cancelled, and nobody handles it.',
  section: 'keep-a-reference-to-your-tasks',
} as const;
const ABORTS = {
  hint: '`cancel()` must call `abort` on the task\'s controller itself, before it returns: work that listens to its signal stops only when the signal is aborted.',
  section: 'cancelling-a-task',
} as const;
const SAME_REASON = {
  hint: 'Make the `CancelledError` once in `cancel()`, keep it as the task\'s outcome, and pass that very object to `controller.abort(error)`, so that `signal.reason` and the rejection are one and the same.',
  section: 'cancellation-points-and-work-that-ignores-its-signal',
} as const;
const ENDS_AT_ONCE = {
  hint: '`cancel()` ends the task on the spot: it sets the cancelled state and rejects the awaiters before it returns, without waiting for `fn` to react to the signal.',
  section: 'cancellation-points-and-work-that-ignores-its-signal',
} as const;
const STATE_BEFORE_ABORT = {
  hint: 'In `cancel()`, set the cancelled state first and abort the signal after: abort listeners run inside `abort()`, and they must already see a task that is done and cancelled.',
  section: 'cancelling-a-task',
} as const;
const LATE_OUTCOME_IGNORED = {
  hint: 'Once the task is done, its outcome is final: when `fn` settles after a `cancel()`, with a value or an error, check the state and change nothing.',
  section: 'cancellation-points-and-work-that-ignores-its-signal',
} as const;
const MESSAGE = {
  hint: 'Pass `message` untouched to `new CancelledError(message)`: the default parameter of the class covers a missing message, and `\'\'` stays `\'\'`, which a truthiness check or a message of your own would change.',
  section: 'cancelling-a-task',
} as const;
const NEW_ERROR = {
  hint: 'Create the `CancelledError` inside `cancel()`, a new one on every call: one error object shared by every task would make their outcomes the same object.',
  section: 'cancelling-a-task',
} as const;
const CANCELLED_READ = {
  hint: 'A cancelled task keeps its `CancelledError` as its outcome: `result()` and `exception()` both throw that error (`exception()` does not return it).',
  section: 'asking-a-task-how-it-is-doing',
} as const;
const NEVER_STARTS = {
  hint: 'The microtask that calls `fn` first checks that the task is still running: after an early `cancel()`, it does nothing at all.',
  section: 'every-call-is-already-a-task',
} as const;
const CANCEL_WHEN_DONE = {
  hint: '`cancel()` of a task that is already done, however it ended, returns false and touches nothing: not the outcome, not the first `CancelledError`, and not the signal.',
  section: 'cancelling-a-task',
} as const;
const CALLBACKS = {
  hint: 'Call each done callback once, with the task itself, after the task is done, whether it succeeded, failed or was cancelled, and in the order the callbacks were added.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;
const CALLBACKS_LATER = {
  hint: 'Never call a done callback on the spot, not even for a task that is already done: schedule it (a promise reaction or `queueMicrotask`) so that it runs after the code that is running now.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;
const CALLBACK_THROWS = {
  hint: 'Run each done callback in a microtask or promise reaction of its own, so that one that throws stops neither the callbacks after it nor anything about the task.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;
const NOT_SWALLOWED = {
  hint: 'Do not catch and drop the error of a done callback: let it escape its microtask, where Node reports it, or pass it to `console.error`.',
  section: 'task-a-task-over-a-cancellable-async-function',
} as const;

async function noUnhandledRejections(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled, `rejections nobody handled: there should be none, but there were ${unhandled.map(show).join(', ')}`).toEqual([]);
}

describe('starting', () => {
  test('createTask returns without calling fn, like create_task, which only schedules the coroutine', points(2, SCHEDULED), () => {
    const { fn, seen } = work(100, 'value');
    const task = ex.createTask(fn);
    expect(seen.calls, 'fn should not be called inside createTask').toBe(0);
    task.cancel();
  });

  test('fn has started by the time the code that created the task awaits anything', points(2, ON_A_MICROTASK), async () => {
    const { fn, seen } = work(100, 'value');
    ex.createTask(fn);
    await Promise.resolve();
    expect(seen.calls, 'fn should have been called once the creator awaited a resolved promise').toBe(1);
  });

  test('fn is called before any timer fires, even one that was already due', points(1, ON_A_MICROTASK), async () => {
    const events: string[] = [];
    setTimeout(() => events.push('timer of 0 ms'), 0);
    ex.createTask(async () => {
      events.push('fn');
      return 'value';
    });
    await clock.advance(0);
    expectEvents(events, ['fn', 'timer of 0 ms'], 'the order things happened in: fn runs on a microtask, so before the timer');
  });

  test('fn is called once, with an AbortSignal that is not aborted', points(1, ONE_SIGNAL), async () => {
    const { fn, seen } = work(100, 'value');
    ex.createTask(fn);
    await clock.advance(100);
    expect(seen.calls, 'calls of fn').toBe(1);
    expect(seen.signal, `what fn was called with should be an AbortSignal, not ${show(seen.signal)}`).toBeInstanceOf(AbortSignal);
    expect(seen.signal?.aborted, 'the signal given to fn should not be aborted').toBe(false);
  });

  test('tasks run concurrently: tasks of 300 ms and 200 ms are both done at 300 ms', points(2, CONCURRENT), async () => {
    const line = timeline(clock);
    const slowFn = work(300, 'slow').fn;
    const fastFn = work(200, 'fast').fn;
    const slow = track(line.run('await slow', () => ex.createTask((signal) => line.run('slow fn', () => slowFn(signal)))));
    const fast = track(line.run('await fast', () => ex.createTask((signal) => line.run('fast fn', () => fastFn(signal)))));
    await clock.advance(500);
    line.expect(
      { 'slow fn': [0, 300], 'fast fn': [0, 200], 'await slow': [0, 300], 'await fast': [0, 200] },
      'two tasks created together should run together: both fns start at 0 ms, and each task is done the moment its fn is',
    );
    expectOutcome(slow, { resolved: 'slow', at: 300 }, 'awaiting the task of 300 ms, both started at 0 ms,');
    expectOutcome(fast, { resolved: 'fast', at: 200 }, 'awaiting the task of 200 ms, both started at 0 ms,');
  });
});

describe('awaiting', () => {
  test('awaiting a task gives the value of fn, at the moment fn finishes', points(2, OUTCOME), async () => {
    const value = { id: 1 };
    const task = track(ex.createTask(work(500, value).fn));
    await clock.advance(499);
    expectOutcome(task, 'pending', 'awaiting a task whose fn answers at 500 ms, at 499 ms,');
    await clock.advance(1);
    expectOutcome(task, { resolved: value, at: 500 }, 'awaiting a task whose fn answers at 500 ms');
    expect(task.value(), 'the very value of fn').toBe(value);
  });

  test('awaiting a failed task rejects with the very error of fn, at the moment fn fails', points(2, OUTCOME), async () => {
    const error = new Error('connection reset');
    const task = track(ex.createTask(failing(300, error)));
    await clock.advance(300);
    expectOutcome(task, { rejected: error, at: 300 }, 'awaiting a task whose fn rejects at 300 ms');
    expect(task.value(), 'the very error of fn').toBe(error);
  });

  test('a fn that throws synchronously fails the task instead of throwing from createTask', points(1, SYNC_THROW), async () => {
    const error = new TypeError('bad argument');
    // If createTask threw here, the test would fail with that error.
    const task = ex.createTask((): Promise<never> => {
      throw error;
    });
    const outcome = track(task);
    await clock.settle();
    expectOutcome(outcome, { rejected: error, at: 0 }, 'awaiting a task whose fn throws synchronously');
    expect(task.done(), 'done() after fn threw').toBe(true);
    expect(task.exception(), 'exception() should be what fn threw').toBe(error);
  });

  test("a task whose fn rejects with undefined, null, 0 or '' has failed with that very value", points(2, ANY_ERROR), async () => {
    for (const error of [undefined, null, 0, '']) {
      const task = ex.createTask(failing(100, error));
      const outcome = track(task);
      await clock.advance(100);
      const what = `a task whose fn rejected with ${show(error)}`;
      expect(outcome.state(), `awaiting ${what} should reject`).toBe('rejected');
      expect(outcome.value(), `awaiting ${what} rejects with that value`).toBe(error);
      expect(task.done(), `done() of ${what}`).toBe(true);
      expect(task.cancelled(), `cancelled() of ${what}`).toBe(false);
      expectThrows(() => task.result(), error, `result() of ${what}`);
      expect(task.exception(), `exception() of ${what}`).toBe(error);
    }
  });

  test('a task can be awaited many times and passed to Promise.all, with the same outcome each time', points(1, OUTCOME), async () => {
    const task = ex.createTask(work(100, 7).fn);
    const results = track(Promise.all([task, task, task.then((n) => n * 2)]));
    await clock.advance(100);
    expectOutcome(results, { resolved: [7, 7, 14], at: 100 }, 'Promise.all([task, task, task.then((n) => n * 2)]) of a task that answers 7 at 100 ms');
    const again = track(task);
    await clock.settle();
    expectOutcome(again, { resolved: 7, at: 100 }, 'awaiting the task once more, after it was done');
  });

  test('then behaves as a promise’s then: a missing callback passes the outcome on, a callback’s throw rejects', points(1, THEN_LIKE_A_PROMISE), async () => {
    const error = new Error('failed');
    const failed = ex.createTask(failing(10, error));
    const succeeded = ex.createTask(work(10, 'ok').fn);
    const thrown = new Error('thrown by onFulfilled');
    const outcomes = {
      'failed.then(onFulfilled)': track(failed.then((value) => `fulfilled with ${String(value)}`)),
      'succeeded.then(undefined, onRejected)': track(succeeded.then(undefined, () => 'rejected')),
      'succeeded.then(null, null)': track(succeeded.then(null, null)),
      'succeeded.then()': track(succeeded.then()),
      'failed.then(null, onRejected)': track(failed.then(null, (reason) => reason)),
      'succeeded.then(onFulfilled that throws)': track(
        succeeded.then(() => {
          throw thrown;
        }),
      ),
      'succeeded.then(onFulfilled that returns a promise)': track(succeeded.then((value) => later(5, `${value}!`))),
    };
    await clock.advance(20);
    const expected: Record<keyof typeof outcomes, Outcome<unknown>> = {
      'failed.then(onFulfilled)': { rejected: error, at: 10 },
      'succeeded.then(undefined, onRejected)': { resolved: 'ok', at: 10 },
      'succeeded.then(null, null)': { resolved: 'ok', at: 10 },
      'succeeded.then()': { resolved: 'ok', at: 10 },
      'failed.then(null, onRejected)': { resolved: error, at: 10 },
      'succeeded.then(onFulfilled that throws)': { rejected: thrown, at: 10 },
      'succeeded.then(onFulfilled that returns a promise)': { resolved: 'ok!', at: 15 },
    };
    for (const [name, outcome] of Object.entries(outcomes)) {
      expectOutcome(outcome, expected[name as keyof typeof outcomes], `${name}, settling as it would on a promise,`);
    }
    expect(outcomes['failed.then(onFulfilled)'].value(), 'the very error of fn').toBe(error);
    expect(outcomes['failed.then(null, onRejected)'].value(), 'the very error of fn').toBe(error);
  });

  test('then returns a real Promise and never calls its callbacks synchronously', points(1, THEN_LIKE_A_PROMISE), async () => {
    const task = ex.createTask(work(10, 'ready').fn);
    await clock.advance(10);
    expect(task.done(), 'done() of a task whose fn answered at 10 ms, at 10 ms').toBe(true);
    const events: string[] = [];
    const chained = task.then(() => events.push('callback'));
    events.push('after then');
    expect(chained, 'then should return a real Promise').toBeInstanceOf(Promise);
    await clock.settle();
    expectEvents(events, ['after then', 'callback'], 'the order things happened in, then being called on a task that is done');
  });

  test('then on a failed or a cancelled task does not call onRejected synchronously either', points(1, THEN_LIKE_A_PROMISE), async () => {
    const failed = ex.createTask(failing(10, new Error('failed')));
    const cancelled = ex.createTask(work(1000, 'value').fn);
    await clock.advance(10);
    cancelled.cancel();
    const events: string[] = [];
    const chained = [failed.then(null, () => events.push('failed: onRejected')), cancelled.then(null, () => events.push('cancelled: onRejected'))];
    events.push('after then');
    expect(chained[0], 'then should return a real Promise').toBeInstanceOf(Promise);
    await clock.settle();
    expectEvents(events, ['after then', 'failed: onRejected', 'cancelled: onRejected'], 'the order things happened in, then being called on a failed and on a cancelled task');
  });
});

describe('done, cancelled, result and exception', () => {
  test('done() is false while fn runs and true from the moment it finishes', points(2, STATE_FIRST), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    expect(task.done(), 'done() right after createTask').toBe(false);
    await clock.advance(99);
    expect(task.done(), 'done() at 99 ms').toBe(false);
    await clock.advance(1);
    expect(task.done(), 'done() at 100 ms, when fn has finished').toBe(true);
  });

  test('cancelled() is false while the task runs, after it succeeds and after it fails', points(1, CANCELLED_ONLY_BY_CANCEL), async () => {
    const succeeding = ex.createTask(work(100, 'value').fn);
    const failingTask = ex.createTask(failing(100, new Error('failed')));
    expect(succeeding.cancelled(), 'cancelled() before fn started').toBe(false);
    await clock.advance(50);
    expect(succeeding.cancelled(), 'cancelled() while fn runs').toBe(false);
    await clock.advance(50);
    expect(succeeding.cancelled(), 'cancelled() after success').toBe(false);
    expect(failingTask.cancelled(), 'cancelled() after failure').toBe(false);
  });

  test('a task whose fn rejects with a CancelledError of its own has failed: it was not cancelled', points(2, CANCELLED_ONLY_BY_CANCEL), async () => {
    const own = new ex.CancelledError('the work gave up by itself');
    const task = ex.createTask(failing(100, own));
    const outcome = track(task);
    await clock.advance(100);
    expect(task.done(), 'done()').toBe(true);
    expect(task.cancelled(), 'cancelled() of a task that was never cancel()ed').toBe(false);
    expect(attempt(() => task.exception()), 'exception() returns the error of a failed task').toEqual({ returned: own });
    expectThrows(() => task.result(), own, 'result()');
    expect(outcome.value(), `awaiting the task should reject with the CancelledError of fn itself, not ${show(outcome.value())}`).toBe(own);
  });

  test('result() of a task that is not done throws InvalidStateError', points(2, NOT_DONE_YET), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    await clock.advance(50);
    const error = expectThrowsClass(attempt(() => task.result()), 'InvalidStateError', 'result() of a running task');
    expect(error, 'the name of what result() of a running task throws').toMatchObject({ name: 'InvalidStateError' });
  });

  test('exception() of a task that is not done throws InvalidStateError', points(1, NOT_DONE_YET), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    await clock.advance(50);
    const error = expectThrowsClass(attempt(() => task.exception()), 'InvalidStateError', 'exception() of a running task');
    expect(error, 'the name of what exception() of a running task throws').toMatchObject({ name: 'InvalidStateError' });
  });

  test('result() of a task that has not even started yet throws InvalidStateError', points(1, NOT_DONE_YET), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    expectThrowsClass(attempt(() => task.result()), 'InvalidStateError', 'result() right after createTask, before fn has started,');
    task.cancel();
  });

  test('after success, result() returns the value and exception() returns undefined', points(2, SUCCEEDED), async () => {
    const value = ['a', 'b'];
    const task = ex.createTask(work(100, value).fn);
    await clock.advance(100);
    expect(task.result(), 'result()').toBe(value);
    expect(attempt(() => task.exception()), 'exception() of a task that succeeded').toEqual({ returned: undefined });
    expect(task.cancelled(), 'cancelled()').toBe(false);
  });

  test('after a failure, result() throws the error of fn and exception() returns it', points(2, FAILED), async () => {
    const error = new RangeError('out of range');
    const task = ex.createTask(failing(100, error));
    await clock.advance(100);
    expectThrows(() => task.result(), error, 'result() of a failed task');
    expect(task.exception(), 'exception() of a failed task').toBe(error);
    expect(task.cancelled(), 'cancelled()').toBe(false);
  });

  test('the state has changed by the time an awaiter of the task resumes, after a success and after a failure', points(1, STATE_FIRST), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    const seen = track(task.then((value) => [task.done(), task.result(), value]));
    const error = new Error('failed');
    const failed = ex.createTask(failing(100, error));
    const seenFailed = track(failed.then(null, (reason: unknown) => [failed.done(), failed.exception(), reason]));
    await clock.advance(100);
    expectOutcome(seen, { resolved: [true, 'value', 'value'], at: 100 }, 'an awaiter that records [done(), result(), value]');
    expectOutcome(seenFailed, { resolved: [true, error, error], at: 100 }, 'an awaiter of a failed task that records [done(), exception(), error]');
  });

  test('a failed task that nobody awaits causes no unhandled rejection', points(2, QUIET), async () => {
    const error = new Error('never retrieved');
    const task = ex.createTask(failing(100, error));
    await clock.advance(100);
    await noUnhandledRejections();
    expect(task.exception(), 'exception() of the failed task, which nobody awaited').toBe(error);
  });

  test('a task whose fn throws synchronously and that nobody awaits causes no unhandled rejection', points(1, SYNC_THROW_QUIET), async () => {
    ex.createTask((): Promise<never> => {
      throw new Error('thrown at once');
    });
    await clock.settle();
    await noUnhandledRejections();
  });
});

describe('cancelling', () => {
  test('cancel() aborts the signal given to fn, before it returns', points(3, ABORTS), async () => {
    const { fn, seen } = work(1000, 'value');
    const task = ex.createTask(fn);
    await clock.advance(100);
    task.cancel();
    expect(seen.signal?.aborted, 'the signal right after cancel() returned').toBe(true);
  });

  test('the signal is aborted with the CancelledError that awaiting the task rejects with', points(2, SAME_REASON), async () => {
    const { fn, seen } = work(1000, 'value');
    const task = ex.createTask(fn);
    const outcome = track(task);
    await clock.advance(100);
    task.cancel();
    await clock.settle();
    expectRejectsWithClass(outcome, 'CancelledError', 'awaiting the cancelled task');
    expect(seen.signal?.reason, 'signal.reason should be the very CancelledError that awaiting the task rejects with: the same object, not an equal one').toBe(outcome.value());
  });

  test('cancel() of a running task returns true, and the task is done and cancelled at once', points(2, ENDS_AT_ONCE), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    await clock.advance(100);
    expect(task.cancel(), 'cancel() of a running task').toBe(true);
    expect(task.done(), 'done() right after cancel()').toBe(true);
    expect(task.cancelled(), 'cancelled() right after cancel()').toBe(true);
  });

  test('cancel() ends the task before it aborts the signal: an abort listener already sees it cancelled', points(2, STATE_BEFORE_ABORT), async () => {
    const seen: string[] = [];
    const task: Task<string> = ex.createTask(async (signal) => {
      signal.addEventListener('abort', () => {
        seen.push(`done() ${String(task.done())}`, `cancelled() ${String(task.cancelled())}`, `cancel() ${String(task.cancel('from the listener'))}`);
      });
      await sleep(1000, signal);
      return 'value';
    });
    await clock.advance(10);
    task.cancel('first');
    expectEvents(seen, ['done() true', 'cancelled() true', 'cancel() false'], 'what the abort listener saw of the task');
    const outcome = track(task);
    await clock.settle();
    expect(outcome.value(), 'the task keeps the CancelledError of the first cancel()').toMatchObject({ message: 'first' });
  });

  test('awaiting a cancelled task rejects with a CancelledError at the moment of cancel(), even if fn ignores the signal', points(3, ENDS_AT_ONCE), async () => {
    const line = timeline(clock);
    const task = ex.createTask(() => line.run('fn (ignores its signal)', stubborn(1000, 'too late')));
    const outcome = track(line.run('await task', () => task));
    await clock.advance(400);
    line.start('cancel()');
    task.cancel();
    line.end('cancel()');
    await clock.settle();
    await clock.advance(600);
    line.expect(
      { 'fn (ignores its signal)': [0, 1000], 'cancel()': [400, 400], 'await task': [0, 400] },
      'cancel() at 400 ms should end the task there and then, while its fn, which ignores the signal, runs on until 1000 ms',
    );
    expect(outcome.state(), 'awaiting the task right after cancel()').toBe('rejected');
    expect(outcome.settledAt(), 'the virtual time awaiting the task rejected at, cancel() being called at 400 ms').toBe(400);
    expectRejectsWithClass(outcome, 'CancelledError', 'awaiting the cancelled task');
    expect(outcome.value(), 'the name of what awaiting the cancelled task rejects with').toMatchObject({ name: 'CancelledError' });
  });

  test('cancel(message) gives the CancelledError that message', points(1, MESSAGE), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const outcome = track(task);
    await clock.advance(10);
    task.cancel('user left the page');
    await clock.settle();
    expect(outcome.value(), `after cancel('user left the page'), awaiting the task should reject with CancelledError('user left the page'), not ${show(outcome.value())}`).toMatchObject({
      name: 'CancelledError',
      message: 'user left the page',
    });
  });

  test('cancel() without a message gives the CancelledError its default message', points(1, MESSAGE), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const outcome = track(task);
    await clock.advance(10);
    task.cancel();
    await clock.settle();
    expect(outcome.value(), `cancel() without a message should give the CancelledError its own default message, ${show(new ex.CancelledError().message)}, but awaiting the task ${describeOutcome(outcome.outcome())}`).toMatchObject({
      name: 'CancelledError',
      message: new ex.CancelledError().message,
    });
  });

  test("cancel('') keeps the empty message instead of the default one", points(1, MESSAGE), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const outcome = track(task);
    await clock.advance(10);
    task.cancel('');
    await clock.settle();
    expectRejectsWithClass(outcome, 'CancelledError', "awaiting the task after cancel('')");
    expect((outcome.value() as Error).message, "the message of the CancelledError after cancel('')").toBe('');
  });

  test('each cancel() makes a new CancelledError: two cancelled tasks do not share one', points(1, NEW_ERROR), async () => {
    const one = ex.createTask(work(1000, 'one').fn);
    const two = ex.createTask(work(1000, 'two').fn);
    await clock.advance(10);
    one.cancel();
    two.cancel();
    const attempts = [attempt(() => one.result()), attempt(() => two.result())] as const;
    const errors = [
      expectThrowsClass(attempts[0], 'CancelledError', 'result() of the first cancelled task'),
      expectThrowsClass(attempts[1], 'CancelledError', 'result() of the second cancelled task'),
    ];
    expect(errors[0] === errors[1], 'the two tasks should have two different CancelledError objects').toBe(false);
  });

  test('result() and exception() of a cancelled task throw its CancelledError', points(2, CANCELLED_READ), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const outcome = track(task);
    await clock.advance(10);
    task.cancel();
    await clock.settle();
    expectRejectsWithClass(outcome, 'CancelledError', 'awaiting the cancelled task');
    expectThrows(() => task.result(), outcome.value(), 'result() of a cancelled task');
    expectThrows(() => task.exception(), outcome.value(), 'exception() of a cancelled task');
  });

  test('a value that fn produces after cancel() is ignored: the task stays cancelled', points(2, LATE_OUTCOME_IGNORED), async () => {
    const task = ex.createTask(stubborn(1000, 'too late'));
    await clock.advance(100);
    task.cancel();
    await clock.advance(1000);
    expect(task.cancelled(), 'cancelled() after fn finished anyway').toBe(true);
    expectThrowsClass(attempt(() => task.result()), 'CancelledError', 'result() after fn finished anyway');
    const later = track(task);
    await clock.settle();
    expectRejectsWithClass(later, 'CancelledError', 'awaiting the task after fn finished anyway');
  });

  test('an error that fn rejects with after cancel() is ignored: the task stays cancelled', points(1, LATE_OUTCOME_IGNORED), async () => {
    const lateError = new Error('failed after the cancel');
    const task = ex.createTask(async () => {
      await sleep(500);
      throw lateError;
    });
    await clock.advance(100);
    task.cancel();
    const cancelledError = thrownBy(() => task.result());
    await clock.advance(1000);
    expect(task.cancelled(), 'cancelled() after fn rejected anyway').toBe(true);
    expectThrows(() => task.exception(), cancelledError, 'exception() after fn rejected anyway');
    const later = track(task);
    await clock.settle();
    expect(later.value(), 'awaiting the task still gives its CancelledError').toBe(cancelledError);
  });

  test('cancel() called by fn itself, before fn returns, cancels the task for good', points(1, LATE_OUTCOME_IGNORED), async () => {
    const task: Task<string> = ex.createTask(async () => {
      task.cancel('cancelled from inside');
      return 'value';
    });
    const outcome = track(task);
    await clock.advance(10);
    expect(task.cancelled(), 'cancelled()').toBe(true);
    expect(outcome.value(), `awaiting the task should reject with CancelledError('cancelled from inside'), not ${show(outcome.value())}`).toMatchObject({
      name: 'CancelledError',
      message: 'cancelled from inside',
    });
  });

  test('work that listens to the signal stops: a cancelled task leaves no timer behind', points(1, ABORTS), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    await clock.advance(100);
    task.cancel();
    await clock.settle();
    expect(clock.pendingTimers(), 'timers left after cancel()').toBe(0);
  });

  test('a task cancelled before fn has started never calls fn', points(2, NEVER_STARTS), async () => {
    const { fn, seen } = work(100, 'value');
    const task = ex.createTask(fn);
    expect(task.cancel(), 'cancel() of a task that has not started').toBe(true);
    await clock.runAll();
    expect(seen.calls, 'calls of fn').toBe(0);
    expect(task.cancelled(), 'cancelled()').toBe(true);
  });

  test('cancel() of a task that has succeeded returns false and changes nothing, not even the signal', points(2, CANCEL_WHEN_DONE), async () => {
    const { fn, seen } = work(100, 'value');
    const task = ex.createTask(fn);
    await clock.advance(100);
    expect(task.cancel(), 'cancel() of a task that has succeeded').toBe(false);
    expect(task.cancelled(), 'cancelled()').toBe(false);
    expect(task.result(), 'result()').toBe('value');
    expect(seen.signal?.aborted, 'the signal of a task that has succeeded').toBe(false);
  });

  test('cancel() of a task that has failed returns false, keeps its error and leaves the signal alone', points(1, CANCEL_WHEN_DONE), async () => {
    const error = new Error('failed first');
    const { fn, seen } = failingWork(100, error);
    const task = ex.createTask(fn);
    await clock.advance(100);
    expect(task.cancel(), 'cancel() of a task that has failed').toBe(false);
    expect(task.cancelled(), 'cancelled()').toBe(false);
    expect(task.exception(), 'exception()').toBe(error);
    expect(seen.signal?.aborted, 'the signal of a task that has failed').toBe(false);
  });

  test('a second cancel() returns false and keeps the first CancelledError', points(1, CANCEL_WHEN_DONE), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    await clock.advance(10);
    expect(task.cancel('first'), 'the first cancel()').toBe(true);
    expect(task.cancel('second'), 'the second cancel()').toBe(false);
    const outcome = track(task);
    await clock.settle();
    expect(outcome.value(), `after cancel('first') and cancel('second'), awaiting the task should reject with the CancelledError of the first, not ${show(outcome.value())}`).toMatchObject({ message: 'first' });
  });

  test('a cancelled task that nobody awaits, and whose fn rejects later, causes no unhandled rejection', points(2, QUIET), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const other = ex.createTask(async () => {
      await sleep(500);
      throw new Error('after the cancel');
    });
    await clock.advance(10);
    task.cancel();
    other.cancel();
    await clock.advance(1000);
    await noUnhandledRejections();
  });
});

describe('done callbacks', () => {
  test('callbacks are called once each, with the task, in the order they were added, when it is done', points(2, CALLBACKS), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    const calls: string[] = [];
    task.addDoneCallback((t) => calls.push(`first@${clock.now()}:${String(t === task)}:${String(t.result())}`));
    task.addDoneCallback((t) => calls.push(`second@${clock.now()}:${String(t === task)}`));
    await clock.advance(99);
    expectEvents(calls, [], 'the callbacks called before the task was done');
    await clock.advance(1);
    await clock.advance(1000);
    expectEvents(calls, ['first@100:true:value', 'second@100:true'], 'the callbacks called, as callback@time:got the task:result');
  });

  test('callbacks added before the task is done and right after it run in the order they were added', points(1, CALLBACKS), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    const calls: string[] = [];
    task.addDoneCallback(() => calls.push('added before 1'));
    task.addDoneCallback(() => calls.push('added before 2'));
    void task.then(() => task.addDoneCallback(() => calls.push('added right after')));
    await clock.advance(100);
    await clock.settle();
    expectEvents(calls, ['added before 1', 'added before 2', 'added right after'], 'the callbacks that ran, in order');
  });

  test('a callback added to a task that is already done is called, but not synchronously', points(1, CALLBACKS_LATER), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    await clock.advance(100);
    const calls: string[] = [];
    task.addDoneCallback(() => calls.push('callback'));
    calls.push('after addDoneCallback');
    await clock.settle();
    expectEvents(calls, ['after addDoneCallback', 'callback'], 'the order things happened in, the callback being added to a task that is done');
  });

  test('cancel() runs the callbacks afterwards, not inside cancel(), and they see a cancelled task', points(1, CALLBACKS_LATER), async () => {
    const task = ex.createTask(stubborn(1000, 'value'));
    const calls: string[] = [];
    task.addDoneCallback((t) => calls.push(`cancelled: ${String(t.cancelled())}`));
    await clock.advance(10);
    task.cancel();
    calls.push('cancel returned');
    await clock.settle();
    expectEvents(calls, ['cancel returned', 'cancelled: true'], 'the order things happened in (the callback records cancelled())');
  });

  test('callbacks are called when the task fails too', points(1, CALLBACKS), async () => {
    const error = new Error('boom');
    const task = ex.createTask(failing(100, error));
    const seen: unknown[] = [];
    task.addDoneCallback((t) => seen.push(t.exception()));
    await clock.advance(100);
    await clock.settle();
    expectEvents(seen, [error], 'what exception() returned inside the done callbacks of a task that failed');
  });

  test('done callbacks on a failed or a cancelled task cause no unhandled rejection', points(2, CALLBACKS_QUIET), async () => {
    const failed = ex.createTask(failing(100, new Error('failed, with a done callback')));
    const cancelled = ex.createTask(work(1000, 'value').fn);
    const calls: string[] = [];
    failed.addDoneCallback(() => calls.push('failed'));
    cancelled.addDoneCallback(() => calls.push('cancelled'));
    await clock.advance(10);
    cancelled.cancel();
    await clock.advance(100);
    expectEvents(calls.sort(), ['cancelled', 'failed'], 'the done callbacks that ran, sorted');
    await noUnhandledRejections();
  });

  test('a done callback that throws does not stop the callbacks after it and changes nothing about the task', points(2, CALLBACK_THROWS), async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => logged.mockRestore());
    const task = ex.createTask(work(100, 'value').fn);
    const calls: string[] = [];
    task.addDoneCallback(() => {
      calls.push('first, which throws');
      throw new Error('a done callback failed');
    });
    task.addDoneCallback(() => calls.push('second'));
    await clock.advance(100);
    await clock.advance(1000);
    await realTick();
    await realTick();
    expectEvents(calls, ['first, which throws', 'second'], 'the callbacks called');
    expect(task.cancelled(), 'cancelled()').toBe(false);
    expect(task.result(), 'result()').toBe('value');
    const again = track(task);
    await clock.settle();
    expect(again.value(), 'awaiting the task').toBe('value');
  });

  test('the error of a done callback that throws is not swallowed', points(2, NOT_SWALLOWED), async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => logged.mockRestore());
    const error = new Error('a done callback failed');
    const task = ex.createTask(work(100, 'value').fn);
    task.addDoneCallback(() => {
      throw error;
    });
    await clock.advance(100);
    await clock.settle();
    await realTick();
    await realTick();
    const places = [
      logged.mock.calls.some((args) => args.includes(error)) ? 'console.error' : undefined,
      uncaught.includes(error) ? 'an uncaught exception' : undefined,
      unhandled.includes(error) ? 'an unhandled rejection' : undefined,
    ].filter((place) => place !== undefined);
    expect(places.length, 'the error should go to console.error, or surface as an uncaught exception or an unhandled rejection, but it went nowhere').toBeGreaterThan(0);
  });
});
