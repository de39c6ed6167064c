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
import { captureUnhandledRejections, loadExercise, points, realTick, sleep, track, useVirtualTime } from '../../spec-kit/index.ts';

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

describe('run', () => {
  test('run calls fn at once, before it returns, with an AbortSignal that is not aborted', points(2), () => {
    const tracker = new ex.TaskTracker();
    const events: string[] = [];
    let seen: AbortSignal | undefined;
    void tracker.run(async (signal) => {
      events.push('fn runs');
      seen = signal;
      return 1;
    });
    events.push('run returned');
    expect(events).toEqual(['fn runs', 'run returned']);
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted, 'the signal given to fn').toBe(false);
  });

  test('the promise of run gives the value of fn, at the moment fn finishes', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const value = { id: 7 };
    const result = track(tracker.run(work(300, value)));
    await clock.advance(299);
    expect(result.outcome(), 'at 299 ms').toBe('pending');
    await clock.advance(1);
    expect(result.outcome()).toEqual({ resolved: value, at: 300 });
    expect(result.value(), 'the very value of fn').toBe(value);
  });

  test('the promise of run rejects with the very error of fn', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('disk full');
    const result = track(tracker.run(failing(100, error)));
    await clock.advance(100);
    expect(result.outcome()).toEqual({ rejected: error, at: 100 });
    expect(result.value(), 'the very error of fn').toBe(error);
  });

  test('a fn that throws synchronously does not make run throw: its promise rejects', async () => {
    const tracker = new ex.TaskTracker();
    const error = new TypeError('thrown at once');
    // If run threw here, the test would fail with that error.
    const result = track(
      tracker.run((): Promise<never> => {
        throw error;
      }),
    );
    await clock.settle();
    expect(result.outcome()).toEqual({ rejected: error, at: 0 });
    expect(result.value(), 'the very error fn threw').toBe(error);
  });

  test('a new tracker is empty and open', () => {
    const tracker = new ex.TaskTracker();
    expect(tracker.size, 'size of a new tracker').toBe(0);
    expect(tracker.closed, 'closed of a new tracker').toBe(false);
  });
});

describe('size', () => {
  test('size counts the tasks in flight and drops as each one settles', points(3), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    quiet(tracker.run(work(300, 'b')));
    quiet(tracker.run(work(200, 'c')));
    const sizes = [tracker.size];
    for (let t = 0; t < 3; t++) {
      await clock.advance(100);
      sizes.push(tracker.size);
    }
    expect(sizes, 'size at 0, 100, 200 and 300 ms').toEqual([3, 2, 1, 0]);
  });

  test('a task counts while its fn runs: fn sees it in size, and a shutdown() from fn aborts its signal', points(2), () => {
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

  test('right after run returns, size counts the task even if fn threw or returned a settled promise', points(2), async () => {
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

  test('a failed task leaves the count the moment it fails', points(2), async () => {
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

  test('by the time an awaiter of run resumes, the task no longer counts', async () => {
    const tracker = new ex.TaskTracker();
    const other = new ex.TaskTracker();
    const sizeSeen = track(tracker.run(work(100, 'value')).then(() => tracker.size));
    const failedSizeSeen = track(other.run(failing(100, new Error('failed'))).catch(() => other.size));
    await clock.advance(100);
    expect(sizeSeen.outcome(), 'size seen by code awaiting a task that succeeded').toEqual({ resolved: 0, at: 100 });
    expect(failedSizeSeen.outcome(), 'size seen by code awaiting a task that failed').toEqual({ resolved: 0, at: 100 });
  });

  test('a task keeps counting while it runs, however long that is', async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(10_000, 'slow')));
    await clock.advance(9_999);
    await realTick();
    expect(tracker.size, 'size at 9999 ms of a 10 s task').toBe(1);
  });
});

describe('no lost errors', () => {
  test('a task that fails while nobody awaits its promise causes no unhandled rejection', points(3), async () => {
    const tracker = new ex.TaskTracker();
    void tracker.run(failing(100, new Error('fire and forget')));
    void tracker.run((): Promise<never> => {
      throw new Error('thrown at once');
    });
    await clock.advance(100);
    await realTick();
    await realTick();
    expect(unhandled, 'rejections nobody handled').toEqual([]);
  });

  test('the failure of a task nobody awaited is reported by the next drain', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('fire and forget');
    void tracker.run(failing(100, error));
    await clock.advance(200);
    const drained = track(tracker.drain());
    await clock.settle();
    expectSameValues(errorsOf(drained), [error], 'the errors of the drain');
    expect(drained.settledAt()).toBe(200);
  });
});

describe('drain', () => {
  test('drain with nothing in flight resolves at once, with undefined', async () => {
    const tracker = new ex.TaskTracker();
    const drained = track(tracker.drain());
    await clock.settle();
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 0 });
  });

  test('a drain with nothing in flight settles during the call: a task started right after it is not waited for', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const drained = track(tracker.drain());
    quiet(tracker.run(work(100, 'started right after drain()')));
    await clock.settle();
    expect(drained.outcome(), 'a drain called with nothing in flight').toEqual({ resolved: undefined, at: 0 });
  });

  test('drain resolves when the last task in flight has settled, not before', points(3), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    quiet(tracker.run(work(400, 'b')));
    quiet(tracker.run(work(250, 'c')));
    const drained = track(tracker.drain());
    await clock.advance(399);
    expect(drained.state(), 'drain at 399 ms, with a task still in flight').toBe('pending');
    await clock.advance(1);
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 400 });
  });

  test('drain also waits for tasks started while it waits', points(3), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'first')));
    const drained = track(tracker.drain());
    await clock.advance(50);
    quiet(tracker.run(work(200, 'second')));
    await clock.advance(199);
    expect(drained.state(), 'drain at 249 ms, with the task started at 50 ms still in flight').toBe('pending');
    await clock.advance(1);
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 250 });
  });

  test('drain waits for a follow-up task that a task starts before it finishes', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(
      tracker.run(async (signal) => {
        await sleep(100, signal);
        quiet(tracker.run(work(300, 'follow-up')));
        return 'parent';
      }),
    );
    const drained = track(tracker.drain());
    await clock.advance(399);
    expect(drained.state(), 'drain at 399 ms, with the follow-up task still in flight').toBe('pending');
    await clock.advance(1);
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 400 });
  });

  test('drain settles the moment the last task settles: a task started by code awaiting it is not waited for', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const last = tracker.run(work(100, 'last'));
    const drained = track(tracker.drain());
    void last.then(() => quiet(tracker.run(work(100, 'started by code that awaited the last task'))));
    await clock.advance(100);
    expect(drained.outcome(), 'drain should have settled at 100 ms, when size dropped to 0').toEqual({ resolved: undefined, at: 100 });
    expect(tracker.size, 'the task started afterwards is in flight').toBe(1);
  });

  test('drain rejects with an AggregateError of every failure, in the order the tasks were started', points(3), async () => {
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
    expect(drained.settledAt()).toBe(300);
  });

  test('a task started inside another task’s fn comes after that task in errors', points(2), async () => {
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

  test('errors holds the very values the tasks rejected with, Errors or not', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const values = ['a string', { code: 'E_BUSY' }, 0, null];
    values.forEach((value, index) => quiet(tracker.run(failing(10 * (index + 1), value))));
    const drained = track(tracker.drain());
    await clock.advance(100);
    expectSameValues(errorsOf(drained), values, 'the errors of the drain');
  });

  test('a failure does not end drain early: it still waits for the other tasks', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('early'))));
    quiet(tracker.run(work(400, 'late')));
    const drained = track(tracker.drain());
    await clock.advance(399);
    expect(drained.state(), 'drain at 399 ms, after a failure at 100 ms and a task still in flight').toBe('pending');
    await clock.advance(1);
    expect(drained.state()).toBe('rejected');
    expect(drained.settledAt()).toBe(400);
  });

  test('a failure is reported even when the caller of run awaited it and caught the error', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('seen by the caller');
    const caught = track(tracker.run(failing(100, error)).catch((reason: unknown) => reason));
    const drained = track(tracker.drain());
    await clock.advance(100);
    expect(caught.value()).toBe(error);
    expectSameValues(errorsOf(drained), [error], 'the errors of the drain');
  });

  test('each failure is reported once: the next drain resolves', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('once'))));
    const first = track(tracker.drain());
    await clock.advance(100);
    expect(first.state(), 'the first drain').toBe('rejected');
    const second = track(tracker.drain());
    await clock.settle();
    expect(second.outcome(), 'the next drain').toEqual({ resolved: undefined, at: 100 });
  });

  test('of two drains in a row with nothing in flight, only the first reports the failures', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('failed before both drains');
    quiet(tracker.run(failing(100, error)));
    await clock.advance(100);
    const first = track(tracker.drain());
    const second = track(tracker.drain());
    await clock.settle();
    expectSameValues(errorsOf(first, 'the first drain'), [error], 'the errors of the first drain');
    expect(second.outcome(), 'the second drain, called right after the first').toEqual({ resolved: undefined, at: 100 });
  });

  test('two drains waiting at the same time settle together, with the very same AggregateError', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('shared');
    quiet(tracker.run(failing(100, error)));
    const one = track(tracker.drain());
    await clock.advance(50);
    const two = track(tracker.drain());
    await clock.advance(50);
    expect(one.settledAt(), 'the first drain settles at').toBe(100);
    expect(two.settledAt(), 'the second drain settles at').toBe(100);
    expectSameValues(errorsOf(one, 'the first drain'), [error], 'the errors of the first drain');
    expect(two.value() === one.value(), 'both drains should reject with the very same AggregateError').toBe(true);
  });

  test('drain does not cancel anything: the signals stay unaborted', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(100)));
    quiet(tracker.run(recorded(200)));
    const drained = track(tracker.drain());
    await clock.advance(200);
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 200 });
    expect(
      signals.map((signal) => signal.aborted),
      'aborted, for each signal',
    ).toEqual([false, false]);
  });

  test('the tracker stays usable after a drain', async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    await clock.advance(100);
    const drained = track(tracker.drain());
    await clock.settle();
    expect(drained.state()).toBe('resolved');
    const result = track(tracker.run(work(100, 'b')));
    expect(tracker.size, 'size after a new run()').toBe(1);
    await clock.advance(100);
    expect(result.outcome()).toEqual({ resolved: 'b', at: 200 });
  });
});

describe('shutdown', () => {
  test('shutdown aborts the signal of every task in flight before it returns', points(3), async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    quiet(tracker.run(recorded(2000)));
    await clock.advance(100);
    const stopped = track(tracker.shutdown());
    expect(
      signals.map((signal) => signal.aborted),
      'aborted, for each signal, right after shutdown() returned',
    ).toEqual([true, true]);
    await clock.settle();
    expect(stopped.state()).toBe('resolved');
    expect(clock.pendingTimers(), 'timers left').toBe(0);
  });

  test('the signals are aborted with the reason given to shutdown', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    const reason = new Error('SIGTERM');
    quiet(tracker.shutdown(reason));
    expect(signals[0]?.reason, 'signal.reason should be the very reason given to shutdown').toBe(reason);
  });

  test('without a reason, the signals are aborted with a DOMException named AbortError', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    quiet(tracker.shutdown());
    expect(signals[0]?.reason).toBeInstanceOf(DOMException);
    expect(signals[0]?.reason).toMatchObject({ name: 'AbortError' });
  });

  test("shutdown(null), shutdown(0) and shutdown('') abort the signals with that very reason", async () => {
    for (const reason of [null, 0, '']) {
      const tracker = new ex.TaskTracker();
      const { signals, work: recorded } = recordingSignals();
      quiet(tracker.run(recorded(1000)));
      const stopped = track(tracker.shutdown(reason));
      expect(signals[0]?.reason, `signal.reason after shutdown(${show(reason)})`).toBe(reason);
      await clock.settle();
      expect(stopped.state(), `shutdown(${show(reason)}) of a task that stopped with that reason`).toBe('resolved');
    }
  });

  test('after shutdown, run throws TrackerClosedError and does not call fn', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.shutdown());
    let calls = 0;
    const error = thrownBy(() =>
      tracker.run(async () => {
        calls++;
        return 1;
      }),
    );
    expect(error).toBeInstanceOf(ex.TrackerClosedError);
    expect(error).toMatchObject({ name: 'TrackerClosedError' });
    expect(calls, 'calls of fn').toBe(0);
    expect(tracker.closed, 'closed after shutdown()').toBe(true);
  });

  test('run is refused from the moment shutdown is called, while it still waits for tasks', async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(stubborn(500, 'ignores the signal')));
    const stopped = track(tracker.shutdown());
    await clock.advance(100);
    expect(thrownBy(() => tracker.run(work(10, 'too late')))).toBeInstanceOf(ex.TrackerClosedError);
    await clock.advance(400);
    expect(stopped.outcome()).toEqual({ resolved: undefined, at: 500 });
  });

  test('run is refused already inside the abort listeners that shutdown triggers', async () => {
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
    expect(seen, 'what run() threw inside an abort listener').toBeInstanceOf(ex.TrackerClosedError);
  });

  test('shutdown waits for every task in flight, even one that ignores its signal', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(1000, 'listens')));
    quiet(tracker.run(stubborn(700, 'ignores the signal')));
    await clock.advance(200);
    const stopped = track(tracker.shutdown());
    await clock.advance(499);
    expect(stopped.state(), 'shutdown at 699 ms, with a task that ignores its signal still in flight').toBe('pending');
    expect(tracker.size, 'size at 699 ms').toBe(1);
    await clock.advance(1);
    expect(stopped.outcome()).toEqual({ resolved: undefined, at: 700 });
  });

  test('tasks that stop by rejecting with their signal’s reason are cancelled, not failures', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const runs = [tracker.run(work(1000, 'a')), tracker.run(work(2000, 'b'))];
    for (const run of runs) quiet(run);
    await clock.advance(100);
    const stopped = track(tracker.shutdown());
    await clock.settle();
    expect(stopped.outcome(), 'shutdown of tasks that all stopped with their signal’s reason').toEqual({ resolved: undefined, at: 100 });
  });

  test('a task that fails with another error during shutdown is reported', async () => {
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
    expect(stopped.settledAt()).toBe(50);
  });

  test('a task that rejects with undefined before any shutdown has failed: it is reported', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, undefined)));
    const drained = track(tracker.drain());
    await clock.advance(100);
    expectSameValues(errorsOf(drained), [undefined], 'the errors of the drain');
  });

  test('shutdown reports failures from before it was called', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('failed earlier');
    quiet(tracker.run(failing(100, error)));
    await clock.advance(200);
    const stopped = track(tracker.shutdown());
    await clock.settle();
    expectSameValues(errorsOf(stopped, 'shutdown'), [error], 'the errors of the shutdown');
    expect(stopped.settledAt()).toBe(200);
  });

  test('shutdown does not abort the signals of tasks that have already finished', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(100)));
    quiet(tracker.run(recorded(1000)));
    await clock.advance(100);
    quiet(tracker.shutdown());
    expect(
      signals.map((signal) => signal.aborted),
      'aborted, for the task that finished and the one in flight',
    ).toEqual([false, true]);
  });

  test('shutdown with nothing in flight resolves at once and closes the tracker', async () => {
    const tracker = new ex.TaskTracker();
    const stopped = track(tracker.shutdown());
    expect(tracker.closed, 'closed right after shutdown()').toBe(true);
    await clock.settle();
    expect(stopped.outcome()).toEqual({ resolved: undefined, at: 0 });
  });

  test('a second shutdown waits for the same tasks and settles at the same time', async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(stubborn(300, 'slow')));
    const first = track(tracker.shutdown());
    await clock.advance(100);
    const second = track(tracker.shutdown());
    await clock.advance(200);
    expect(first.outcome(), 'the first shutdown').toEqual({ resolved: undefined, at: 300 });
    expect(second.outcome(), 'the second shutdown').toEqual({ resolved: undefined, at: 300 });
  });

  test('a drain and a shutdown waiting at the same time settle together, with the very same AggregateError', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('could not flush');
    quiet(
      tracker.run(async () => {
        await sleep(200);
        throw error;
      }),
    );
    const drained = track(tracker.drain());
    await clock.advance(100);
    const stopped = track(tracker.shutdown());
    await clock.advance(100);
    expect(drained.settledAt(), 'the drain settles at').toBe(200);
    expect(stopped.settledAt(), 'the shutdown settles at').toBe(200);
    expectSameValues(errorsOf(drained), [error], 'the errors of the drain');
    expect(stopped.value() === drained.value(), 'the drain and the shutdown should reject with the very same AggregateError').toBe(true);
  });

  test('after a second shutdown with another reason, a task that rejects with its own signal’s reason is still cancelled', async () => {
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
    expect(stopped.outcome(), 'a task that rejected with the reason of its own signal was cancelled').toEqual({ resolved: undefined, at: 100 });
  });
});
