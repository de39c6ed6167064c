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
    expect(seen?.aborted).toBe(false);
  });

  test('the promise of run gives the value of fn, at the moment fn finishes', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const value = { id: 7 };
    const result = track(tracker.run(work(300, value)));
    await clock.advance(299);
    expect(result.outcome()).toBe('pending');
    await clock.advance(1);
    expect(result.outcome()).toEqual({ resolved: value, at: 300 });
    expect(result.value()).toBe(value);
  });

  test('the promise of run rejects with the very error of fn', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('disk full');
    const result = track(tracker.run(failing(100, error)));
    await clock.advance(100);
    expect(result.outcome()).toEqual({ rejected: error, at: 100 });
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
  });

  test('a new tracker is empty and open', () => {
    const tracker = new ex.TaskTracker();
    expect(tracker.size).toBe(0);
    expect(tracker.closed).toBe(false);
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
    expect(sizes).toEqual([3, 2, 1, 0]);
  });

  test('a failed task leaves the count the moment it fails', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('boom'))));
    quiet(tracker.run(work(300, 'ok')));
    await clock.advance(99);
    expect(tracker.size).toBe(2);
    await clock.advance(1);
    expect(tracker.size).toBe(1);
    await clock.advance(200);
    expect(tracker.size).toBe(0);
  });

  test('by the time an awaiter of run resumes, the task no longer counts', async () => {
    const tracker = new ex.TaskTracker();
    const sizeSeen = track(tracker.run(work(100, 'value')).then(() => tracker.size));
    await clock.advance(100);
    expect(sizeSeen.outcome()).toEqual({ resolved: 0, at: 100 });
  });

  test('a task keeps counting while it runs, however long that is', async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(10_000, 'slow')));
    await clock.advance(9_999);
    await realTick();
    expect(tracker.size).toBe(1);
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
    expect(unhandled).toEqual([]);
  });

  test('the failure of a task nobody awaited is reported by the next drain', points(2), async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('fire and forget');
    void tracker.run(failing(100, error));
    await clock.advance(200);
    const drained = track(tracker.drain());
    await clock.settle();
    expect(drained.state()).toBe('rejected');
    expect(drained.settledAt()).toBe(200);
    expect(drained.value()).toBeInstanceOf(AggregateError);
    expect((drained.value() as AggregateError).errors).toEqual([error]);
  });
});

describe('drain', () => {
  test('drain with nothing in flight resolves at once, with undefined', async () => {
    const tracker = new ex.TaskTracker();
    const drained = track(tracker.drain());
    await clock.settle();
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 0 });
  });

  test('drain resolves when the last task in flight has settled, not before', points(3), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    quiet(tracker.run(work(400, 'b')));
    quiet(tracker.run(work(250, 'c')));
    const drained = track(tracker.drain());
    await clock.advance(399);
    expect(drained.state()).toBe('pending');
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
    expect(drained.state()).toBe('pending');
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
    expect(drained.state()).toBe('pending');
    await clock.advance(1);
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 400 });
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
    expect(drained.state()).toBe('rejected');
    expect(drained.settledAt()).toBe(300);
    const error = drained.value();
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toHaveLength(2);
    expect((error as AggregateError).errors[0]).toBe(first);
    expect((error as AggregateError).errors[1]).toBe(second);
  });

  test('a failure does not end drain early: it still waits for the other tasks', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('early'))));
    quiet(tracker.run(work(400, 'late')));
    const drained = track(tracker.drain());
    await clock.advance(399);
    expect(drained.state()).toBe('pending');
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
    expect((drained.value() as AggregateError).errors).toEqual([error]);
  });

  test('each failure is reported once: the next drain resolves', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(failing(100, new Error('once'))));
    const first = track(tracker.drain());
    await clock.advance(100);
    expect(first.state()).toBe('rejected');
    const second = track(tracker.drain());
    await clock.settle();
    expect(second.outcome()).toEqual({ resolved: undefined, at: 100 });
  });

  test('two drains waiting at the same time settle together, with the same failures', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('shared');
    quiet(tracker.run(failing(100, error)));
    const one = track(tracker.drain());
    await clock.advance(50);
    const two = track(tracker.drain());
    await clock.advance(50);
    expect(one.settledAt()).toBe(100);
    expect(two.settledAt()).toBe(100);
    expect((one.value() as AggregateError).errors).toEqual([error]);
    expect((two.value() as AggregateError).errors).toEqual([error]);
  });

  test('drain does not cancel anything: the signals stay unaborted', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(100)));
    quiet(tracker.run(recorded(200)));
    const drained = track(tracker.drain());
    await clock.advance(200);
    expect(drained.outcome()).toEqual({ resolved: undefined, at: 200 });
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });

  test('the tracker stays usable after a drain', async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(100, 'a')));
    await clock.advance(100);
    const drained = track(tracker.drain());
    await clock.settle();
    expect(drained.state()).toBe('resolved');
    const result = track(tracker.run(work(100, 'b')));
    expect(tracker.size).toBe(1);
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
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    await clock.settle();
    expect(stopped.state()).toBe('resolved');
    expect(clock.pendingTimers()).toBe(0);
  });

  test('the signals are aborted with the reason given to shutdown', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    const reason = new Error('SIGTERM');
    quiet(tracker.shutdown(reason));
    expect(signals[0]?.reason).toBe(reason);
  });

  test('without a reason, the signals are aborted with a DOMException named AbortError', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(1000)));
    quiet(tracker.shutdown());
    expect(signals[0]?.reason).toMatchObject({ name: 'AbortError' });
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
    expect(calls).toBe(0);
    expect(tracker.closed).toBe(true);
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

  test('shutdown waits for every task in flight, even one that ignores its signal', points(2), async () => {
    const tracker = new ex.TaskTracker();
    quiet(tracker.run(work(1000, 'listens')));
    quiet(tracker.run(stubborn(700, 'ignores the signal')));
    await clock.advance(200);
    const stopped = track(tracker.shutdown());
    await clock.advance(499);
    expect(stopped.state()).toBe('pending');
    expect(tracker.size).toBe(1);
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
    expect(stopped.outcome()).toEqual({ resolved: undefined, at: 100 });
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
    expect(stopped.state()).toBe('rejected');
    expect(stopped.settledAt()).toBe(50);
    expect((stopped.value() as AggregateError).errors).toEqual([cleanupError]);
  });

  test('shutdown reports failures from before it was called', async () => {
    const tracker = new ex.TaskTracker();
    const error = new Error('failed earlier');
    quiet(tracker.run(failing(100, error)));
    await clock.advance(200);
    const stopped = track(tracker.shutdown());
    await clock.settle();
    expect(stopped.value()).toBeInstanceOf(AggregateError);
    expect((stopped.value() as AggregateError).errors).toEqual([error]);
    expect(stopped.settledAt()).toBe(200);
  });

  test('shutdown does not abort the signals of tasks that have already finished', async () => {
    const tracker = new ex.TaskTracker();
    const { signals, work: recorded } = recordingSignals();
    quiet(tracker.run(recorded(100)));
    quiet(tracker.run(recorded(1000)));
    await clock.advance(100);
    quiet(tracker.shutdown());
    expect(signals.map((signal) => signal.aborted)).toEqual([false, true]);
  });

  test('shutdown with nothing in flight resolves at once and closes the tracker', async () => {
    const tracker = new ex.TaskTracker();
    const stopped = track(tracker.shutdown());
    expect(tracker.closed).toBe(true);
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
    expect(first.outcome()).toEqual({ resolved: undefined, at: 300 });
    expect(second.outcome()).toEqual({ resolved: undefined, at: 300 });
  });
});
