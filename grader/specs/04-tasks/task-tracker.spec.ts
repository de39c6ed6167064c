// Hidden spec of 04-tasks/task-tracker.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
// TaskTracker
//  1. A task is one run(fn) call, in flight from that call (while fn runs too) until its promise settles.
//       - a task counts while its fn runs: fn sees it in size, and a shutdown() from fn aborts its signal
//       - size counts the tasks in flight and drops as each one settles
//  2. It fails if that promise rejects, unless it was cancelled.
//       - drain rejects with an AggregateError of every failure, in the order the tasks were started
//  3. Every failure is kept until drain/shutdown reports it, whether or not the caller saw it.
//       - the failure of a task nobody awaited is reported by the next drain
//       - a failure is reported even when the caller of run awaited it and caught the error
// run
//  4. Calls fn at once, before run returns, with an AbortSignal.
//       - run calls fn at once, before it returns, with an AbortSignal that is not aborted
//  5. … that only shutdown() aborts.
//       - drain does not cancel anything: the signals stay unaborted
//       - shutdown does not abort the signals of tasks that have already finished
//  6. Returns a promise that settles as fn's does: the same value or the same error.
//       - the promise of run gives the value of fn, at the moment fn finishes
//       - the promise of run rejects with the very error of fn
//  7. A failure nobody awaits causes no unhandled rejection.
//       - a task that fails while nobody awaits its promise causes no unhandled rejection
//  8. fn throws synchronously: run does not throw; the task fails with it, as if fn had returned a rejected promise.
//       - a fn that throws synchronously does not make run throw: its promise rejects
//       - right after run returns, size counts the task even if fn threw or returned a settled promise
//  9. Throws TrackerClosedError synchronously, without calling fn, once shutdown() has been called.
//       - after shutdown, run throws TrackerClosedError and does not call fn
//       - run is refused from the moment shutdown is called, while it still waits for tasks
// size
// 10. Counts from the run() call: right after run returns, even when fn threw or returned a settled promise.
//       - right after run returns, size counts the task even if fn threw or returned a settled promise
//       - a task counts while its fn runs: fn sees it in size, and a shutdown() from fn aborts its signal
// 11. Leaves the count the moment its promise settles (either way), before anyone awaiting it resumes.
//       - size counts the tasks in flight and drops as each one settles
//       - a failed task leaves the count the moment it fails
//       - by the time an awaiter of run resumes, the task no longer counts
//       - a task keeps counting while it runs, however long that is
// closed
// 12. false until shutdown() is first called, true from then on.
//       - a new tracker is empty and open
//       - after shutdown, run throws TrackerClosedError and does not call fn
//       - shutdown with nothing in flight resolves at once and closes the tracker
// drain
// 13. Nothing in flight: it settles during the call; a task started right after is not waited for.
//       - drain with nothing in flight resolves at once, with undefined
//       - a drain with nothing in flight settles during the call: a task started right after it is not waited for
// 14. Otherwise it settles the moment the last task in flight settles, not before.
//       - drain resolves when the last task in flight has settled, not before
//       - a failure does not end drain early: it still waits for the other tasks
// 15. Tasks started while it waits, even by other tasks, are waited for too.
//       - drain also waits for tasks started while it waits
//       - drain waits for a follow-up task that a task starts before it finishes
// 16. A task started after that moment (by code that awaited the last task) is not: no loop.
//       - drain settles the moment the last task settles: a task started by code awaiting it is not waited for
// 17. It never cancels anything.
//       - drain does not cancel anything: the signals stay unaborted
// 18. Failures since creation or the last report: rejects with an AggregateError of them.
//       - drain rejects with an AggregateError of every failure, in the order the tasks were started
//       - the failure of a task nobody awaited is reported by the next drain
// 19. … the very values the tasks rejected with, Errors or not.
//       - errors holds the very values the tasks rejected with, Errors or not
// 20. … in the order of their run() calls; a task started inside another's fn comes after it.
//       - drain rejects with an AggregateError of every failure, in the order the tasks were started
//       - a task started inside another task’s fn comes after that task in errors
// 21. Otherwise it resolves with undefined.
//       - drain resolves when the last task in flight has settled, not before
// 22. Each failure is reported once; of two drains in a row with nothing in flight, only the first.
//       - each failure is reported once: the next drain resolves
//       - of two drains in a row with nothing in flight, only the first reports the failures
//       - the tracker stays usable after a drain
// 23. drain()/shutdown() calls waiting together settle together: all resolve, or all reject with the very same AggregateError.
//       - two drains waiting at the same time settle together, with the very same AggregateError
//       - a drain and a shutdown waiting at the same time settle together, with the very same AggregateError
//       - a second shutdown waits for the same tasks and settles at the same time
// shutdown
// 24. From this call on, closed is true and run() throws TrackerClosedError (abort listeners included).
//       - run is refused from the moment shutdown is called, while it still waits for tasks
//       - run is refused already inside the abort listeners that shutdown triggers
// 25. Then, before returning, aborts the signal of every task in flight with reason.
//       - shutdown aborts the signal of every task in flight before it returns
//       - the signals are aborted with the reason given to shutdown
//       - a task counts while its fn runs: fn sees it in size, and a shutdown() from fn aborts its signal
// 26. reason undefined: a DOMException named AbortError; any other value (null, 0, '') as it is.
//       - without a reason, the signals are aborted with a DOMException named AbortError
//       - shutdown(null), shutdown(0) and shutdown('') abort the signals with that very reason
// 27. The signals of tasks that have already settled are left alone.
//       - shutdown does not abort the signals of tasks that have already finished
// 28. Finally waits and reports exactly as drain() does.
//       - shutdown waits for every task in flight, even one that ignores its signal
//       - shutdown reports failures from before it was called
//       - shutdown with nothing in flight resolves at once and closes the tracker
// 29. A task aborted by shutdown that rejects with its signal's reason was cancelled: not reported.
//       - tasks that stop by rejecting with their signal’s reason are cancelled, not failures
// 30. Any other error is a failure, and so is any rejection of a task whose signal was not aborted (even undefined).
//       - a task that fails with another error during shutdown is reported
//       - a task that rejects with undefined before any shutdown has failed: it is reported
// 31. Calling shutdown() again aborts nothing new and waits the same way.
//       - a second shutdown waits for the same tasks and settles at the same time
//       - after a second shutdown with another reason, a task that rejects with its own signal’s reason is still cancelled
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  captureUnhandledRejections,
  describeOutcome,
  loadExercise,
  type Outcome,
  points,
  realTick,
  sleep,
  type Timeline,
  timeline,
  type Tracked,
  track,
  useVirtualTime,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/04-tasks/task-tracker.ts');

const ex = loadExercise<Module>('04-tasks/task-tracker', ['TaskTracker', 'TrackerClosedError']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** Work that answers `value` after `ms`, listening to its signal. */
function work<T>(ms: number, value: T): (signal: AbortSignal) => Promise<T> {
  return async (signal) => {
    await sleep(ms, signal);
    return value;
  };
}

/** Work that rejects with `error` after `ms`, listening to its signal. */
function failing(ms: number, error: unknown): (signal: AbortSignal) => Promise<never> {
  return async (signal) => {
    await sleep(ms, signal);
    throw error;
  };
}

/** Work that ignores its signal and answers `value` after `ms`. */
function stubborn<T>(ms: number, value: T): () => Promise<T> {
  return async () => {
    await sleep(ms);
    return value;
  };
}

/** `fn`, recorded on `line` as the piece `label`: from the call of fn until its promise settles. */
function traced<T>(line: Timeline, label: string, fn: (signal: AbortSignal) => Promise<T>): (signal: AbortSignal) => Promise<T> {
  return (signal) => line.run(label, () => fn(signal));
}

/** Records every signal a tracker hands out. */
function recordingSignals(): { signals: AbortSignal[]; work: (ms: number) => (signal: AbortSignal) => Promise<string> } {
  const signals: AbortSignal[] = [];
  return {
    signals,
    work: (ms) => async (signal) => {
      signals.push(signal);
      await sleep(ms, signal);
      return 'done';
    },
  };
}

/** Runs `action` and returns what it threw (undefined if it did not throw). */
function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Keeps a run() promise from being unhandled in tests that do not look at it. */
function quiet(promise: Promise<unknown>): void {
  promise.catch(() => undefined);
}

/** A value on one line, for messages. */
function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}(${inspect(value.message)})`;
  return inspect(value, { depth: 1, breakLength: Infinity });
}

/** The `errors` of what a drain rejected with, or a failure that says what it settled with instead. */
function errorsOf(outcome: { state(): string; value(): unknown }, what = 'drain'): unknown[] {
  const value = outcome.value();
  if (outcome.state() !== 'rejected' || !(value instanceof AggregateError)) {
    expect.fail(`${what} should reject with an AggregateError, but it is ${outcome.state()}${outcome.state() === 'pending' ? '' : ` with ${show(value)}`}`);
  }
  return value.errors;
}

/** Fails unless `actual` holds exactly the values of `expected`, the same objects, in that order. */
function expectSameValues(actual: readonly unknown[], expected: readonly unknown[], what: string): void {
  const same = actual.length === expected.length && actual.every((value, index) => Object.is(value, expected[index]));
  expect(same, `${what} should be [${expected.map(show).join(', ')}] (the very values), but it is [${actual.map(show).join(', ')}]`).toBe(true);
}

/**
 * Checks how `tracked` settled, with what and when (as toEqual compares them), and says both
 * outcomes in full: vitest shortens objects and errors.
 */
function expectOutcome(tracked: Tracked<unknown>, expected: Outcome<unknown>, what: string): void {
  const should = expected === 'pending' ? 'should still be pending' : `should have ${describeOutcome(expected)}`;
  expect(tracked.outcome(), `${what} ${should}, but it ${describeOutcome(tracked.outcome())}`).toEqual(expected);
}

/** Checks a list (as toEqual compares them), and says both lists in full: vitest cuts long ones short. */
function expectEvents(actual: readonly unknown[], expected: readonly unknown[], what: string): void {
  const list = (values: readonly unknown[]) => `[${values.map(show).join(', ')}]`;
  expect(actual, `${what}: should be ${list(expected)}, but was ${list(actual)}`).toEqual(expected);
}

// What to look at when a test fails, and the heading of lessons/04-tasks.md that teaches it.
const RUN_AT_ONCE = {
  hint: 'Call `fn` inside `run` itself, before `run` returns, as calling an async function would, with the signal of an `AbortController` made for that task.',
  section: 'every-call-is-already-a-task',
} as const;
const SAME_OUTCOME = {
  hint: 'The promise `run` returns settles exactly as the promise of `fn` does, with the very value or error and at the same moment: the tracker only watches it.',
  section: 'keep-a-reference-to-your-tasks',
} as const;
const SYNC_THROW = {
  hint: 'Wrap the call of `fn` in a `try`/`catch` and turn a synchronous throw into a rejected promise, then treat that promise like any other: counted, watched and handled.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const EMPTY_AND_OPEN = {
  hint: 'A new tracker has nothing in flight and is open: `size` is 0 and `closed` is false.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const COUNTS = {
  hint: 'Add each task to what is in flight when `run` is called, and remove it in a reaction to its promise on both paths, success and failure, as `then(forget, forget)` does.',
  section: 'keep-a-reference-to-your-tasks',
} as const;
const COUNTS_FROM_THE_CALL = {
  hint: 'Count the task before you call `fn`, and count it even when `fn` throws or returns a promise that is already settled: the tracker learns that it settled only on a microtask, like anyone.',
  section: 'keep-a-reference-to-your-tasks',
} as const;
const LEAVES_FIRST = {
  hint: 'Take the task out of the count in the reaction you attach to the promise of `fn` inside `run`, before anything else reacts to it: a reaction on a promise chained after it runs a microtask too late.',
  section: 'keep-a-reference-to-your-tasks',
} as const;
const HANDLED_AT_ONCE = {
  hint: 'Attach a handler for both outcomes to the promise of every task inside `run`, the one made from a synchronous throw included, and return that same promise: a second one made from it by `finally`, or a fresh `Promise.reject(error)`, has no handler and rejects unhandled when the caller ignores it.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const KEEPS_FAILURES = {
  hint: 'Record every failure in the tracker, whatever the caller of `run` does with its promise, and report them in the next `drain()` or `shutdown()` as `new AggregateError(errors)`, even when there is only one.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const START_ORDER = {
  hint: 'Give each task its position when `run` is called, before `fn` runs, and sort the failures by that position: the order in which the tasks fail does not count.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const VERY_VALUES = {
  hint: 'Put the very values the tasks rejected with in `errors`: a string, an object, `0` or `null` is not wrapped in a new `Error`.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const IDLE_DRAIN = {
  hint: 'With nothing in flight, `drain()` settles during the call itself, with the failures there are: check the count right there instead of on a later microtask.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const WAITS_FOR_ALL = {
  hint: 'Do not wait for a snapshot with `Promise.all` or `Promise.allSettled`: keep the waiting drains in a list and settle them from the place where a task leaves the count and the count reaches 0.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const AT_THE_MOMENT = {
  hint: 'Settle the waiting drains in the very reaction that brings the count to 0: a loop such as `while (size > 0) await …` settles a few microtasks later, and by then code that awaited the last task may have started another.',
  section: 'errors-of-work-nobody-awaits',
} as const;
const REPORTED_ONCE = {
  hint: 'Once a drain or a shutdown has reported the failures, forget them: the next report starts from an empty list, and the tracker goes on working.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const SETTLE_TOGETHER = {
  hint: 'Keep every waiting `drain()` and `shutdown()` in one list and settle them all at once, with a single `AggregateError` made once for all of them.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const ONLY_SHUTDOWN_ABORTS = {
  hint: 'Only `shutdown()` aborts, and only the tasks still in flight: give each task a controller of its own, and forget it once the task settles.',
  section: 'cancelling-a-task',
} as const;
const SHUTDOWN_ABORTS = {
  hint: '`shutdown(reason)` calls `abort(reason)` on the controller of every task still in flight before it returns, and passes `reason` on as it is.',
  section: 'cancelling-a-task',
} as const;
const ABORT_REASON = {
  hint: 'Pass `reason` to `controller.abort(reason)` untouched: `abort(undefined)` already gives the `AbortError` DOMException, and `null`, `0` or `\'\'` stay as they are.',
  section: 'cancellation-points-and-work-that-ignores-its-signal',
} as const;
const CLOSED = {
  hint: 'Set `closed` first thing in `shutdown()`, and check it first thing in `run`: once it is set, `run` throws `new TrackerClosedError()` without calling `fn`.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const CLOSE_BEFORE_ABORT = {
  hint: 'Close the tracker before you abort any signal: abort listeners run inside `abort()`, and a `run()` from one of them must already be refused.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const SHUTDOWN_WAITS = {
  hint: 'After aborting, `shutdown()` waits and reports exactly as `drain()` does: work that ignores its signal stays in flight until its promise settles, and earlier failures are reported too.',
  section: 'cancellation-points-and-work-that-ignores-its-signal',
} as const;
const SECOND_SHUTDOWN = {
  hint: 'A second `shutdown()` aborts nothing new, but it waits and reports like the first: it joins the same waiters instead of returning a promise that is already resolved.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const CANCELLED_OR_FAILED = {
  hint: 'Decide with the task\'s own signal: a rejection is a cancellation only when that signal is aborted and the error is its `reason`, the very object. Anything else is a failure: another error, or a rejection before any abort, even with `undefined`.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;
const OWN_SIGNAL_REASON = {
  hint: 'Compare a rejection with the `reason` of the task\'s own signal, not with the reason given to the latest `shutdown()`: a second shutdown aborts nothing, so the signal keeps its first reason.',
  section: 'task-tracker-a-task-tracker-that-never-loses-a-task',
} as const;

describe('run', () => {
  test('run calls fn at once, before it returns, with an AbortSignal that is not aborted', points(2, RUN_AT_ONCE), () => {
    const tracker = new ex.TaskTracker();
    const events: string[] = [];
    let seen: AbortSignal | undefined;
    void tracker.run(async (signal) => {
      events.push('fn runs');
      seen = signal;
      return 1;
    });
    events.push('run returned');
    expectEvents(events, ['fn runs', 'run returned'], 'the order things happened in');
    expect(seen, `what fn was called with should be an AbortSignal, not ${show(seen)}`).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted, 'the signal given to fn').toBe(false);
  });

  test('the promise of run gives the value of fn, at the moment fn finishes', points(2, SAME_OUTCOME), async () => {
    const tracker = new ex.TaskTracker();
    const value = { id: 7 };
    const result = track(tracker.run(work(300, value)));
    await clock.advance(299);
    expectOutcome(result, 'pending', 'the promise of run, whose fn answers at 300 ms, at 299 ms,');
    await clock.advance(1);
    expectOutcome(result, { resolved: value, at: 300 }, 'the promise of run, whose fn answers at 300 ms,');
    expect(result.value(), 'the very value of fn').toBe(value);
  });

  test('the promise of run rejects with the very error of fn', points(1, SAME_OUTCOME), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('disk full');
    const result = track(tracker.run(failing(100, error)));
    await clock.advance(100);
    expectOutcome(result, { rejected: error, at: 100 }, 'the promise of run, whose fn rejects at 100 ms,');
    expect(result.value(), 'the very error of fn').toBe(error);
  });

  test('a fn that throws synchronously does not make run throw: its promise rejects', points(1, SYNC_THROW), async () => {
    const tracker = new ex.TaskTracker();
    const error = new TypeError('thrown at once');
    // If run threw here, the test would fail with that error.
    const result = track(
      tracker.run((): Promise<never> => {
        throw error;
      }),
    );
    await clock.settle();
    expectOutcome(result, { rejected: error, at: 0 }, 'the promise of run, whose fn throws at once,');
    expect(result.value(), 'the very error fn threw').toBe(error);
  });

  test('a new tracker is empty and open', points(1, EMPTY_AND_OPEN), () => {
    const tracker = new ex.TaskTracker();
    expect(tracker.size, 'size of a new tracker').toBe(0);
    expect(tracker.closed, 'closed of a new tracker').toBe(false);
  });
});

describe('size', () => {
  test('size counts the tasks in flight and drops as each one settles', points(3, COUNTS), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    quiet(tracker.run(work(300, 'b')));
    quiet(tracker.run(work(200, 'c')));
    const sizes = [tracker.size];
    for (let t = 0; t < 3; t++) {
      await clock.advance(100);
      sizes.push(tracker.size);
    }
    expectEvents(sizes, [3, 2, 1, 0], 'size at 0, 100, 200 and 300 ms, of tasks of 100, 300 and 200 ms');
  });

  test('a task counts while its fn runs: fn sees it in size, and a shutdown() from fn aborts its signal', points(2, COUNTS_FROM_THE_CALL), () => {
    const tracker = new ex.TaskTracker();
    let sizeSeen: number | undefined;
    let abortedSeen: boolean | undefined;
    quiet(
      tracker.run(async (signal) => {
        sizeSeen = tracker.size;
        quiet(tracker.shutdown());
        abortedSeen = signal.aborted;
        await sleep(100, signal);
      }),
    );
    expect(sizeSeen, 'size read by fn while run() calls it').toBe(1);
    expect(abortedSeen, 'the signal of a task whose fn called shutdown(), right after it did').toBe(true);
  });

  test('right after run returns, size counts the task even if fn threw or returned a settled promise', points(2, COUNTS_FROM_THE_CALL), async () => {
    const tracker = new ex.TaskTracker();
    const thrown = new Error('thrown at once');
    const rejected = new Error('rejected at once');
    quiet(
      tracker.run((): Promise<never> => {
        throw thrown;
      }),
    );
    quiet(tracker.run(() => Promise.resolve('ready at once')));
    quiet(tracker.run(() => Promise.reject(rejected)));
    expect(tracker.size, 'size right after three run() calls that settled at once').toBe(3);
    await clock.settle();
    expect(tracker.size, 'size once their promises have been seen to settle').toBe(0);
    const drained = track(tracker.drain());
    await clock.settle();
    expectSameValues(errorsOf(drained), [thrown, rejected], 'the errors of the drain');
  });

  test('a failed task leaves the count the moment it fails', points(2, COUNTS), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('boom'))));
    quiet(tracker.run(work(300, 'ok')));
    await clock.advance(99);
    expect(tracker.size, 'size at 99 ms').toBe(2);
    await clock.advance(1);
    expect(tracker.size, 'size at 100 ms, when the first task failed').toBe(1);
    await clock.advance(200);
    expect(tracker.size, 'size at 300 ms').toBe(0);
  });

  test('by the time an awaiter of run resumes, the task no longer counts', points(1, LEAVES_FIRST), async () => {
    const tracker = new ex.TaskTracker();
    const other = new ex.TaskTracker();
    const sizeSeen = track(tracker.run(work(100, 'value')).then(() => tracker.size));
    const failedSizeSeen = track(other.run(failing(100, new Error('failed'))).catch(() => other.size));
    await clock.advance(100);
    expectOutcome(sizeSeen, { resolved: 0, at: 100 }, 'code awaiting a task that succeeded, and then reading size,');
    expectOutcome(failedSizeSeen, { resolved: 0, at: 100 }, 'code awaiting a task that failed, and then reading size,');
  });

  test('a task keeps counting while it runs, however long that is', points(1, COUNTS), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(10_000, 'slow')));
    await clock.advance(9_999);
    await realTick();
    expect(tracker.size, 'size at 9999 ms of a 10 s task').toBe(1);
  });
});

describe('no lost errors', () => {
  test('a task that fails while nobody awaits its promise causes no unhandled rejection', points(3, HANDLED_AT_ONCE), async () => {
    const tracker = new ex.TaskTracker();
    void tracker.run(failing(100, new Error('fire and forget')));
    void tracker.run((): Promise<never> => {
      throw new Error('thrown at once');
    });
    await clock.advance(100);
    await realTick();
    await realTick();
    expect(unhandled, `rejections nobody handled: there should be none, but there were ${unhandled.map(show).join(', ')}`).toEqual([]);
  });

  test('the failure of a task nobody awaited is reported by the next drain', points(2, KEEPS_FAILURES), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('fire and forget');
    void tracker.run(failing(100, error));
    await clock.advance(200);
    const drained = track(tracker.drain());
    await clock.settle();
    expectSameValues(errorsOf(drained), [error], 'the errors of the drain');
    expect(drained.settledAt(), 'the virtual time the drain, called at 200 ms, settled at').toBe(200);
  });
});

describe('drain', () => {
  test('drain with nothing in flight resolves at once, with undefined', points(1, IDLE_DRAIN), async () => {
    const tracker = new ex.TaskTracker();
    const drained = track(tracker.drain());
    await clock.settle();
    expectOutcome(drained, { resolved: undefined, at: 0 }, 'a drain with nothing in flight');
  });

  test('a drain with nothing in flight settles during the call: a task started right after it is not waited for', points(2, IDLE_DRAIN), async () => {
    const tracker = new ex.TaskTracker();
    const drained = track(tracker.drain());
    quiet(tracker.run(work(100, 'started right after drain()')));
    await clock.settle();
    expectOutcome(drained, { resolved: undefined, at: 0 }, 'a drain called with nothing in flight, a task of 100 ms being started right after it,');
  });

  test('drain resolves when the last task in flight has settled, not before', points(3, WAITS_FOR_ALL), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    quiet(tracker.run(traced(line, 'a', work(100, 'a'))));
    quiet(tracker.run(traced(line, 'b', work(400, 'b'))));
    quiet(tracker.run(traced(line, 'c', work(250, 'c'))));
    const drained = track(line.run('drain()', () => tracker.drain()));
    await clock.advance(400);
    line.expect({ a: [0, 100], b: [0, 400], c: [0, 250], 'drain()': [0, 400] }, 'drain() should settle when the last task in flight does, at 400 ms, not before');
    expectOutcome(drained, { resolved: undefined, at: 400 }, 'a drain of tasks of 100, 400 and 250 ms');
  });

  test('drain also waits for tasks started while it waits', points(3, WAITS_FOR_ALL), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    quiet(tracker.run(traced(line, 'first', work(100, 'first'))));
    const drained = track(line.run('drain()', () => tracker.drain()));
    await clock.advance(50);
    quiet(tracker.run(traced(line, 'second', work(200, 'second'))));
    await clock.advance(200);
    line.expect(
      { first: [0, 100], second: [50, 250], 'drain()': [0, 250] },
      'drain() should also wait for the task started at 50 ms, while it was waiting: it settles when that one ends, at 250 ms',
    );
    expectOutcome(drained, { resolved: undefined, at: 250 }, 'a drain of a task of 100 ms, with a task of 200 ms started at 50 ms,');
  });

  test('drain waits for a follow-up task that a task starts before it finishes', points(2, WAITS_FOR_ALL), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    quiet(
      tracker.run(
        traced(line, 'parent', async (signal) => {
          await sleep(100, signal);
          quiet(tracker.run(traced(line, 'follow-up', work(300, 'follow-up'))));
          return 'parent';
        }),
      ),
    );
    const drained = track(line.run('drain()', () => tracker.drain()));
    await clock.advance(400);
    line.expect(
      { parent: [0, 100], 'follow-up': [100, 400], 'drain()': [0, 400] },
      'drain() should also wait for the follow-up task that the parent starts at 100 ms: it settles when the follow-up ends, at 400 ms',
    );
    expectOutcome(drained, { resolved: undefined, at: 400 }, 'a drain of a task that starts a follow-up of 300 ms at 100 ms');
  });

  test('drain settles the moment the last task settles: a task started by code awaiting it is not waited for', points(2, AT_THE_MOMENT), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    const last = tracker.run(traced(line, 'last', work(100, 'last')));
    const drained = track(line.run('drain()', () => tracker.drain()));
    void last.then(() => quiet(tracker.run(traced(line, 'started after it', work(100, 'started by code that awaited the last task')))));
    await clock.advance(100);
    const sizeAt100 = tracker.size;
    await clock.advance(100);
    line.expect(
      { last: [0, 100], 'started after it': [100, 200], 'drain()': [0, 100] },
      'drain() should settle the moment its last task does, at 100 ms, and not wait for the task that code awaiting that task starts right then',
    );
    expectOutcome(drained, { resolved: undefined, at: 100 }, 'the drain, whose last task settled at 100 ms, when size dropped to 0,');
    expect(sizeAt100, 'size at 100 ms: the task started afterwards is in flight').toBe(1);
  });

  test('drain rejects with an AggregateError of every failure, in the order the tasks were started', points(3, START_ORDER), async () => {
    const tracker = new ex.TaskTracker();
    const first = new Error('first started, fails second');
    const second = new Error('second started, fails first');
    quiet(tracker.run(failing(200, first)));
    quiet(tracker.run(work(50, 'fine')));
    quiet(tracker.run(failing(100, second)));
    quiet(tracker.run(work(300, 'fine too')));
    const drained = track(tracker.drain());
    await clock.advance(300);
    expectSameValues(errorsOf(drained), [first, second], 'the errors of the drain');
    expect(drained.settledAt(), 'the virtual time the drain settled at, the last task ending at 300 ms').toBe(300);
  });

  test('a task started inside another task’s fn comes after that task in errors', points(2, START_ORDER), async () => {
    const tracker = new ex.TaskTracker();
    const outer = new Error('outer: its run() was called first');
    const inner = new Error('inner: started inside the outer fn, fails first');
    quiet(
      tracker.run(async (signal) => {
        quiet(tracker.run(failing(50, inner)));
        await sleep(100, signal);
        throw outer;
      }),
    );
    const drained = track(tracker.drain());
    await clock.advance(100);
    expectSameValues(errorsOf(drained), [outer, inner], 'the errors of the drain');
  });

  test('errors holds the very values the tasks rejected with, Errors or not', points(2, VERY_VALUES), async () => {
    const tracker = new ex.TaskTracker();
    const values = ['a string', { code: 'E_BUSY' }, 0, null];
    values.forEach((value, index) => quiet(tracker.run(failing(10 * (index + 1), value))));
    const drained = track(tracker.drain());
    await clock.advance(100);
    expectSameValues(errorsOf(drained), values, 'the errors of the drain');
  });

  test('a failure does not end drain early: it still waits for the other tasks', points(2, WAITS_FOR_ALL), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    quiet(tracker.run(traced(line, 'fails', failing(100, new Error('early')))));
    quiet(tracker.run(traced(line, 'late', work(400, 'late'))));
    const drained = track(line.run('drain()', () => tracker.drain()));
    await clock.advance(400);
    line.expect({ fails: [0, 100], late: [0, 400], 'drain()': [0, 400] }, 'drain() should not end at the failure at 100 ms: it waits for the other task, until 400 ms');
    expect(drained.state(), `the drain at 400 ms, when the last task ended, should have rejected, but it ${describeOutcome(drained.outcome())}`).toBe('rejected');
    expect(drained.settledAt(), 'the virtual time the drain settled at').toBe(400);
  });

  test('a failure is reported even when the caller of run awaited it and caught the error', points(1, KEEPS_FAILURES), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('seen by the caller');
    const caught = track(tracker.run(failing(100, error)).catch((reason: unknown) => reason));
    const drained = track(tracker.drain());
    await clock.advance(100);
    expect(caught.value(), `what the caller of run caught should be the very error of fn, ${show(error)}, not ${show(caught.value())}`).toBe(error);
    expectSameValues(errorsOf(drained), [error], 'the errors of the drain');
  });

  test('each failure is reported once: the next drain resolves', points(2, REPORTED_ONCE), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('once'))));
    const first = track(tracker.drain());
    await clock.advance(100);
    expect(first.state(), 'the first drain').toBe('rejected');
    const second = track(tracker.drain());
    await clock.settle();
    expectOutcome(second, { resolved: undefined, at: 100 }, 'the next drain, once the first reported the failure,');
  });

  test('of two drains in a row with nothing in flight, only the first reports the failures', points(1, REPORTED_ONCE), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('failed before both drains');
    quiet(tracker.run(failing(100, error)));
    await clock.advance(100);
    const first = track(tracker.drain());
    const second = track(tracker.drain());
    await clock.settle();
    expectSameValues(errorsOf(first, 'the first drain'), [error], 'the errors of the first drain');
    expectOutcome(second, { resolved: undefined, at: 100 }, 'the second drain, called right after the first,');
  });

  test('two drains waiting at the same time settle together, with the very same AggregateError', points(1, SETTLE_TOGETHER), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    const error = new Error('shared');
    quiet(tracker.run(traced(line, 'fails', failing(100, error))));
    const one = track(line.run('first drain()', () => tracker.drain()));
    await clock.advance(50);
    const two = track(line.run('second drain()', () => tracker.drain()));
    await clock.advance(50);
    line.expect(
      { fails: [0, 100], 'first drain()': [0, 100], 'second drain()': [50, 100] },
      'the two drains should settle together, the moment their task fails, at 100 ms',
    );
    expectSameValues(errorsOf(one, 'the first drain'), [error], 'the errors of the first drain');
    expect(two.value() === one.value(), 'both drains should reject with the very same AggregateError').toBe(true);
  });

  test('drain does not cancel anything: the signals stay unaborted', points(1, ONLY_SHUTDOWN_ABORTS), async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(100)));
    quiet(tracker.run(recorded(200)));
    const drained = track(tracker.drain());
    await clock.advance(200);
    expectOutcome(drained, { resolved: undefined, at: 200 }, 'a drain of tasks of 100 and 200 ms');
    expectEvents(
      signals.map((signal) => signal.aborted),
      [false, false],
      'aborted, for each signal',
    );
  });

  test('the tracker stays usable after a drain', points(1, REPORTED_ONCE), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    await clock.advance(100);
    const drained = track(tracker.drain());
    await clock.settle();
    expect(drained.state(), `a drain with nothing in flight and no failure should resolve, but it ${describeOutcome(drained.outcome())}`).toBe('resolved');
    const result = track(tracker.run(work(100, 'b')));
    expect(tracker.size, 'size after a new run()').toBe(1);
    await clock.advance(100);
    expectOutcome(result, { resolved: 'b', at: 200 }, 'the promise of a run() after the drain, of 100 ms from 100 ms,');
  });
});

describe('shutdown', () => {
  test('shutdown aborts the signal of every task in flight before it returns', points(3, SHUTDOWN_ABORTS), async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    quiet(tracker.run(recorded(2000)));
    await clock.advance(100);
    const stopped = track(tracker.shutdown());
    expectEvents(
      signals.map((signal) => signal.aborted),
      [true, true],
      'aborted, for each signal, right after shutdown() returned',
    );
    await clock.settle();
    expect(stopped.state(), `shutdown of tasks that stopped with their signal’s reason should resolve, but it ${describeOutcome(stopped.outcome())}`).toBe('resolved');
    expect(clock.pendingTimers(), 'timers left').toBe(0);
  });

  test('the signals are aborted with the reason given to shutdown', points(1, SHUTDOWN_ABORTS), async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    const reason = new Error('SIGTERM');
    quiet(tracker.shutdown(reason));
    expect(signals[0]?.reason, `signal.reason should be the very reason given to shutdown, ${show(reason)}, not ${show(signals[0]?.reason)}`).toBe(reason);
  });

  test('without a reason, the signals are aborted with a DOMException named AbortError', points(1, ABORT_REASON), async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    quiet(tracker.shutdown());
    expect(signals[0]?.reason, `signal.reason after shutdown() should be a DOMException named AbortError, not ${show(signals[0]?.reason)}`).toBeInstanceOf(DOMException);
    expect(signals[0]?.reason, 'the name of signal.reason after shutdown()').toMatchObject({ name: 'AbortError' });
  });

  test("shutdown(null), shutdown(0) and shutdown('') abort the signals with that very reason", points(1, ABORT_REASON), async () => {
    for (const reason of [null, 0, '']) {
      const tracker = new ex.TaskTracker();
      const { signals, work: recorded } = recordingSignals();
      quiet(tracker.run(recorded(1000)));
      const stopped = track(tracker.shutdown(reason));
      expect(signals[0]?.reason, `signal.reason after shutdown(${show(reason)}) should be that very value, not ${show(signals[0]?.reason)}`).toBe(reason);
      await clock.settle();
      expect(stopped.state(), `shutdown(${show(reason)}) of a task that stopped with that reason`).toBe('resolved');
    }
  });

  test('after shutdown, run throws TrackerClosedError and does not call fn', points(2, CLOSED), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.shutdown());
    let calls = 0;
    const error = thrownBy(() =>
      tracker.run(async () => {
        calls++;
        return 1;
      }),
    );
    expect(error, `what run() throws after shutdown() (undefined if it did not throw) should be a TrackerClosedError, not ${show(error)}`).toBeInstanceOf(ex.TrackerClosedError);
    expect(error, 'the name of what run() throws after shutdown()').toMatchObject({ name: 'TrackerClosedError' });
    expect(calls, 'calls of fn').toBe(0);
    expect(tracker.closed, 'closed after shutdown()').toBe(true);
  });

  test('run is refused from the moment shutdown is called, while it still waits for tasks', points(1, CLOSED), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(stubborn(500, 'ignores the signal')));
    const stopped = track(tracker.shutdown());
    await clock.advance(100);
    const refused = thrownBy(() => tracker.run(work(10, 'too late')));
    expect(refused, `what run() throws at 100 ms, while shutdown() waits (undefined if it did not throw), should be a TrackerClosedError, not ${show(refused)}`).toBeInstanceOf(ex.TrackerClosedError);
    await clock.advance(400);
    expectOutcome(stopped, { resolved: undefined, at: 500 }, 'shutdown of a task of 500 ms that ignores its signal');
  });

  test('run is refused already inside the abort listeners that shutdown triggers', points(1, CLOSE_BEFORE_ABORT), async () => {
    const tracker = new ex.TaskTracker();
    let seen: unknown = 'the abort listener did not run';
    quiet(
      tracker.run(async (signal) => {
        signal.addEventListener('abort', () => {
          seen = thrownBy(() => quiet(tracker.run(work(10, 'started by an abort listener'))));
        });
        await sleep(1000, signal);
      }),
    );
    quiet(tracker.shutdown());
    expect(seen, `what run() threw inside an abort listener (undefined if it did not throw) should be a TrackerClosedError, not ${show(seen)}`).toBeInstanceOf(ex.TrackerClosedError);
  });

  test('shutdown waits for every task in flight, even one that ignores its signal', points(2, SHUTDOWN_WAITS), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    quiet(tracker.run(traced(line, 'listens to its signal', work(1000, 'listens'))));
    quiet(tracker.run(traced(line, 'ignores its signal', stubborn(700, 'ignores the signal'))));
    await clock.advance(200);
    const stopped = track(line.run('shutdown()', () => tracker.shutdown()));
    await clock.advance(499);
    const at699 = { state: stopped.state(), size: tracker.size };
    await clock.advance(301);
    line.expect(
      { 'listens to its signal': [0, 200], 'ignores its signal': [0, 700], 'shutdown()': [200, 700] },
      'shutdown() at 200 ms should stop the task that listens to its signal there and then, and wait for the one that ignores it, until 700 ms',
    );
    expect(at699.state, 'shutdown at 699 ms, with a task that ignores its signal still in flight').toBe('pending');
    expect(at699.size, 'size at 699 ms').toBe(1);
    expectOutcome(stopped, { resolved: undefined, at: 700 }, 'shutdown at 200 ms, with a task that ignores its signal until 700 ms,');
  });

  test('tasks that stop by rejecting with their signal’s reason are cancelled, not failures', points(2, CANCELLED_OR_FAILED), async () => {
    const tracker = new ex.TaskTracker();
    const runs = [tracker.run(work(1000, 'a')), tracker.run(work(2000, 'b'))];
    for (const run of runs) quiet(run);
    await clock.advance(100);
    const stopped = track(tracker.shutdown());
    await clock.settle();
    expectOutcome(stopped, { resolved: undefined, at: 100 }, 'shutdown of tasks that all stopped with their signal’s reason');
  });

  test('a task that fails with another error during shutdown is reported', points(1, CANCELLED_OR_FAILED), async () => {
    const tracker = new ex.TaskTracker();
    const cleanupError = new Error('could not close the file');
    quiet(tracker.run(work(1000, 'cancelled cleanly')));
    quiet(
      tracker.run(async (signal) => {
        try {
          await sleep(1000, signal);
        } catch {
          await sleep(50);
          throw cleanupError;
        }
        return 'never';
      }),
    );
    const stopped = track(tracker.shutdown());
    await clock.advance(50);
    expectSameValues(errorsOf(stopped, 'shutdown'), [cleanupError], 'the errors of the shutdown');
    expect(stopped.settledAt(), 'the virtual time the shutdown settled at, the last task ending at 50 ms').toBe(50);
  });

  test('a task that rejects with undefined before any shutdown has failed: it is reported', points(2, CANCELLED_OR_FAILED), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, undefined)));
    const drained = track(tracker.drain());
    await clock.advance(100);
    expectSameValues(errorsOf(drained), [undefined], 'the errors of the drain');
  });

  test('shutdown reports failures from before it was called', points(1, SHUTDOWN_WAITS), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('failed earlier');
    quiet(tracker.run(failing(100, error)));
    await clock.advance(200);
    const stopped = track(tracker.shutdown());
    await clock.settle();
    expectSameValues(errorsOf(stopped, 'shutdown'), [error], 'the errors of the shutdown');
    expect(stopped.settledAt(), 'the virtual time the shutdown, called at 200 ms with nothing in flight, settled at').toBe(200);
  });

  test('shutdown does not abort the signals of tasks that have already finished', points(1, ONLY_SHUTDOWN_ABORTS), async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(100)));
    quiet(tracker.run(recorded(1000)));
    await clock.advance(100);
    quiet(tracker.shutdown());
    expectEvents(
      signals.map((signal) => signal.aborted),
      [false, true],
      'aborted, for the task that finished and the one in flight',
    );
  });

  test('shutdown with nothing in flight resolves at once and closes the tracker', points(1, CLOSED), async () => {
    const tracker = new ex.TaskTracker();
    const stopped = track(tracker.shutdown());
    expect(tracker.closed, 'closed right after shutdown()').toBe(true);
    await clock.settle();
    expectOutcome(stopped, { resolved: undefined, at: 0 }, 'shutdown with nothing in flight');
  });

  test('a second shutdown waits for the same tasks and settles at the same time', points(1, SECOND_SHUTDOWN), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    quiet(tracker.run(traced(line, 'ignores its signal', stubborn(300, 'slow'))));
    const first = track(line.run('first shutdown()', () => tracker.shutdown()));
    await clock.advance(100);
    const second = track(line.run('second shutdown()', () => tracker.shutdown()));
    await clock.advance(200);
    line.expect(
      { 'ignores its signal': [0, 300], 'first shutdown()': [0, 300], 'second shutdown()': [100, 300] },
      'the second shutdown() should wait for the same task as the first, and settle with it at 300 ms',
    );
    expectOutcome(first, { resolved: undefined, at: 300 }, 'the first shutdown, at 0 ms, of a task that ignores its signal until 300 ms,');
    expectOutcome(second, { resolved: undefined, at: 300 }, 'the second shutdown, at 100 ms,');
  });

  test('a drain and a shutdown waiting at the same time settle together, with the very same AggregateError', points(1, SETTLE_TOGETHER), async () => {
    const tracker = new ex.TaskTracker();
    const line = timeline(clock);
    const error = new Error('could not flush');
    quiet(
      tracker.run(
        traced(line, 'fails', async () => {
          await sleep(200);
          throw error;
        }),
      ),
    );
    const drained = track(line.run('drain()', () => tracker.drain()));
    await clock.advance(100);
    const stopped = track(line.run('shutdown()', () => tracker.shutdown()));
    await clock.advance(100);
    line.expect(
      { fails: [0, 200], 'drain()': [0, 200], 'shutdown()': [100, 200] },
      'the drain and the shutdown should settle together, the moment their task fails, at 200 ms',
    );
    expectSameValues(errorsOf(drained), [error], 'the errors of the drain');
    expect(stopped.value() === drained.value(), 'the drain and the shutdown should reject with the very same AggregateError').toBe(true);
  });

  test('after a second shutdown with another reason, a task that rejects with its own signal’s reason is still cancelled', points(1, OWN_SIGNAL_REASON), async () => {
    const tracker = new ex.TaskTracker();
    quiet(
      tracker.run(async (signal) => {
        await sleep(100);
        throw signal.reason;
      }),
    );
    quiet(tracker.shutdown(new Error('first reason')));
    const stopped = track(tracker.shutdown(new Error('second reason')));
    await clock.advance(100);
    expectOutcome(stopped, { resolved: undefined, at: 100 }, 'the second shutdown, whose only task rejected with the reason of its own signal (the first one),');
  });
});
