import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, sleep, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/04-tasks/task.ts');

const ex = loadExercise<Module>('04-tasks/task', ['createTask', 'CancelledError', 'InvalidStateError']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

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

/** Work that rejects with `error` after `ms`. */
function failing(ms: number, error: unknown) {
  return async (signal: AbortSignal): Promise<never> => {
    await sleep(ms, signal);
    throw error;
  };
}

/** Work that ignores its signal and answers `value` after `ms`. */
function stubborn<T>(ms: number, value: T) {
  return async (): Promise<T> => {
    await sleep(ms);
    return value;
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

async function noUnhandledRejections(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled).toEqual([]);
}

describe('starting', () => {
  test('createTask returns without calling fn, like create_task, which only schedules the coroutine', points(2), () => {
    const { fn, seen } = work(100, 'value');
    const task = ex.createTask(fn);
    expect(seen.calls).toBe(0);
    task.cancel();
  });

  test('fn has started by the time the code that created the task awaits anything', points(2), async () => {
    const { fn, seen } = work(100, 'value');
    ex.createTask(fn);
    await Promise.resolve();
    expect(seen.calls).toBe(1);
  });

  test('fn is called once, with an AbortSignal that is not aborted', async () => {
    const { fn, seen } = work(100, 'value');
    ex.createTask(fn);
    await clock.advance(100);
    expect(seen.calls).toBe(1);
    expect(seen.signal).toBeInstanceOf(AbortSignal);
    expect(seen.signal?.aborted).toBe(false);
  });

  test('tasks run concurrently: tasks of 300 ms and 200 ms are both done at 300 ms', points(2), async () => {
    const slow = track(ex.createTask(work(300, 'slow').fn));
    const fast = track(ex.createTask(work(200, 'fast').fn));
    await clock.advance(300);
    expect(slow.outcome()).toEqual({ resolved: 'slow', at: 300 });
    expect(fast.outcome()).toEqual({ resolved: 'fast', at: 200 });
  });
});

describe('awaiting', () => {
  test('awaiting a task gives the value of fn, at the moment fn finishes', points(2), async () => {
    const value = { id: 1 };
    const task = track(ex.createTask(work(500, value).fn));
    await clock.advance(499);
    expect(task.outcome()).toBe('pending');
    await clock.advance(1);
    expect(task.outcome()).toEqual({ resolved: value, at: 500 });
    expect(task.value()).toBe(value);
  });

  test('awaiting a failed task rejects with the very error of fn, at the moment fn fails', points(2), async () => {
    const error = new Error('connection reset');
    const task = track(ex.createTask(failing(300, error)));
    await clock.advance(300);
    expect(task.outcome()).toEqual({ rejected: error, at: 300 });
    expect(task.value()).toBe(error);
  });

  test('a fn that throws synchronously fails the task instead of throwing from createTask', async () => {
    const error = new TypeError('bad argument');
    // If createTask threw here, the test would fail with that error.
    const task = ex.createTask((): Promise<never> => {
      throw error;
    });
    const outcome = track(task);
    await clock.settle();
    expect(outcome.outcome()).toEqual({ rejected: error, at: 0 });
    expect(task.exception()).toBe(error);
  });

  test('a task can be awaited many times and passed to Promise.all, with the same outcome each time', async () => {
    const task = ex.createTask(work(100, 7).fn);
    const results = track(Promise.all([task, task, task.then((n) => n * 2)]));
    await clock.advance(100);
    expect(results.outcome()).toEqual({ resolved: [7, 7, 14], at: 100 });
    const again = track(task);
    await clock.settle();
    expect(again.outcome()).toEqual({ resolved: 7, at: 100 });
  });

  test('then returns a real Promise and never calls its callbacks synchronously', async () => {
    const task = ex.createTask(work(10, 'ready').fn);
    await clock.advance(10);
    expect(task.done()).toBe(true);
    const events: string[] = [];
    const chained = task.then(() => events.push('callback'));
    events.push('after then');
    expect(chained).toBeInstanceOf(Promise);
    await clock.settle();
    expect(events).toEqual(['after then', 'callback']);
  });
});

describe('done, result and exception', () => {
  test('done() is false while fn runs and true from the moment it finishes', points(2), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    expect(task.done()).toBe(false);
    await clock.advance(99);
    expect(task.done()).toBe(false);
    await clock.advance(1);
    expect(task.done()).toBe(true);
  });

  test('result() of a task that is not done throws InvalidStateError', points(2), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    await clock.advance(50);
    const error = thrownBy(() => task.result());
    expect(error).toBeInstanceOf(ex.InvalidStateError);
    expect(error).toMatchObject({ name: 'InvalidStateError' });
  });

  test('exception() of a task that is not done throws InvalidStateError', async () => {
    const task = ex.createTask(work(100, 'value').fn);
    await clock.advance(50);
    const error = thrownBy(() => task.exception());
    expect(error).toBeInstanceOf(ex.InvalidStateError);
    expect(error).toMatchObject({ name: 'InvalidStateError' });
  });

  test('result() of a task that has not even started yet throws InvalidStateError', async () => {
    const task = ex.createTask(work(100, 'value').fn);
    expect(thrownBy(() => task.result())).toBeInstanceOf(ex.InvalidStateError);
    task.cancel();
  });

  test('after success, result() returns the value and exception() returns undefined', points(2), async () => {
    const value = ['a', 'b'];
    const task = ex.createTask(work(100, value).fn);
    await clock.advance(100);
    expect(task.result()).toBe(value);
    expect(task.exception()).toBeUndefined();
    expect(task.cancelled()).toBe(false);
  });

  test('after a failure, result() throws the error of fn and exception() returns it', points(2), async () => {
    const error = new RangeError('out of range');
    const task = ex.createTask(failing(100, error));
    await clock.advance(100);
    expect(thrownBy(() => task.result())).toBe(error);
    expect(task.exception()).toBe(error);
    expect(task.cancelled()).toBe(false);
  });

  test('the state has changed by the time an awaiter of the task resumes', async () => {
    const task = ex.createTask(work(100, 'value').fn);
    const seen = track(task.then((value) => [task.done(), task.result(), value]));
    await clock.advance(100);
    expect(seen.outcome()).toEqual({ resolved: [true, 'value', 'value'], at: 100 });
  });

  test('a failed task that nobody awaits causes no unhandled rejection', points(2), async () => {
    const error = new Error('never retrieved');
    const task = ex.createTask(failing(100, error));
    await clock.advance(100);
    await noUnhandledRejections();
    expect(task.exception()).toBe(error);
  });

  test('a task whose fn throws synchronously and that nobody awaits causes no unhandled rejection', async () => {
    ex.createTask((): Promise<never> => {
      throw new Error('thrown at once');
    });
    await clock.settle();
    await noUnhandledRejections();
  });
});

describe('cancelling', () => {
  test('cancel() aborts the signal given to fn, before it returns', points(3), async () => {
    const { fn, seen } = work(1000, 'value');
    const task = ex.createTask(fn);
    await clock.advance(100);
    task.cancel();
    expect(seen.signal?.aborted).toBe(true);
  });

  test('the signal is aborted with the CancelledError that awaiting the task rejects with', points(2), async () => {
    const { fn, seen } = work(1000, 'value');
    const task = ex.createTask(fn);
    const outcome = track(task);
    await clock.advance(100);
    task.cancel();
    await clock.settle();
    expect(outcome.value()).toBeInstanceOf(ex.CancelledError);
    expect(seen.signal?.reason).toBe(outcome.value());
  });

  test('cancel() of a running task returns true, and the task is done and cancelled at once', points(2), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    await clock.advance(100);
    expect(task.cancel()).toBe(true);
    expect(task.done()).toBe(true);
    expect(task.cancelled()).toBe(true);
  });

  test('awaiting a cancelled task rejects with a CancelledError at the moment of cancel(), even if fn ignores the signal', points(3), async () => {
    const task = ex.createTask(stubborn(1000, 'too late'));
    const outcome = track(task);
    await clock.advance(400);
    task.cancel();
    await clock.settle();
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(400);
    expect(outcome.value()).toBeInstanceOf(ex.CancelledError);
    expect(outcome.value()).toMatchObject({ name: 'CancelledError' });
  });

  test('cancel(message) gives the CancelledError that message', async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const outcome = track(task);
    await clock.advance(10);
    task.cancel('user left the page');
    await clock.settle();
    expect(outcome.value()).toMatchObject({ name: 'CancelledError', message: 'user left the page' });
  });

  test('result() and exception() of a cancelled task throw its CancelledError', points(2), async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    const outcome = track(task);
    await clock.advance(10);
    task.cancel();
    await clock.settle();
    expect(thrownBy(() => task.result())).toBe(outcome.value());
    expect(thrownBy(() => task.exception())).toBe(outcome.value());
    expect(outcome.value()).toBeInstanceOf(ex.CancelledError);
  });

  test('a value that fn produces after cancel() is ignored: the task stays cancelled', points(2), async () => {
    const task = ex.createTask(stubborn(1000, 'too late'));
    await clock.advance(100);
    task.cancel();
    await clock.advance(1000);
    expect(task.cancelled()).toBe(true);
    expect(thrownBy(() => task.result())).toBeInstanceOf(ex.CancelledError);
    const later = track(task);
    await clock.settle();
    expect(later.value()).toBeInstanceOf(ex.CancelledError);
  });

  test('work that listens to the signal stops: a cancelled task leaves no timer behind', async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    await clock.advance(100);
    task.cancel();
    await clock.settle();
    expect(clock.pendingTimers()).toBe(0);
  });

  test('a task cancelled before fn has started never calls fn', points(2), async () => {
    const { fn, seen } = work(100, 'value');
    const task = ex.createTask(fn);
    expect(task.cancel()).toBe(true);
    await clock.runAll();
    expect(seen.calls).toBe(0);
    expect(task.cancelled()).toBe(true);
  });

  test('cancel() of a task that has succeeded returns false and changes nothing, not even the signal', points(2), async () => {
    const { fn, seen } = work(100, 'value');
    const task = ex.createTask(fn);
    await clock.advance(100);
    expect(task.cancel()).toBe(false);
    expect(task.cancelled()).toBe(false);
    expect(task.result()).toBe('value');
    expect(seen.signal?.aborted).toBe(false);
  });

  test('cancel() of a task that has failed returns false and keeps its error', async () => {
    const error = new Error('failed first');
    const task = ex.createTask(failing(100, error));
    await clock.advance(100);
    expect(task.cancel()).toBe(false);
    expect(task.cancelled()).toBe(false);
    expect(task.exception()).toBe(error);
  });

  test('a second cancel() returns false and keeps the first CancelledError', async () => {
    const task = ex.createTask(work(1000, 'value').fn);
    await clock.advance(10);
    expect(task.cancel('first')).toBe(true);
    expect(task.cancel('second')).toBe(false);
    const outcome = track(task);
    await clock.settle();
    expect(outcome.value()).toMatchObject({ message: 'first' });
  });

  test('a cancelled task that nobody awaits, and whose fn rejects later, causes no unhandled rejection', points(2), async () => {
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
  test('callbacks are called once each, with the task, in the order they were added, when it is done', points(2), async () => {
    const task = ex.createTask(work(100, 'value').fn);
    const calls: string[] = [];
    task.addDoneCallback((t) => calls.push(`first@${clock.now()}:${String(t === task)}:${String(t.result())}`));
    task.addDoneCallback((t) => calls.push(`second@${clock.now()}:${String(t === task)}`));
    await clock.advance(99);
    expect(calls).toEqual([]);
    await clock.advance(1);
    await clock.advance(1000);
    expect(calls).toEqual(['first@100:true:value', 'second@100:true']);
  });

  test('a callback added to a task that is already done is called, but not synchronously', async () => {
    const task = ex.createTask(work(100, 'value').fn);
    await clock.advance(100);
    const calls: string[] = [];
    task.addDoneCallback(() => calls.push('callback'));
    calls.push('after addDoneCallback');
    await clock.settle();
    expect(calls).toEqual(['after addDoneCallback', 'callback']);
  });

  test('cancel() runs the callbacks afterwards, not inside cancel(), and they see a cancelled task', async () => {
    const task = ex.createTask(stubborn(1000, 'value'));
    const calls: string[] = [];
    task.addDoneCallback((t) => calls.push(`cancelled: ${String(t.cancelled())}`));
    await clock.advance(10);
    task.cancel();
    calls.push('cancel returned');
    await clock.settle();
    expect(calls).toEqual(['cancel returned', 'cancelled: true']);
  });

  test('callbacks are called when the task fails too', async () => {
    const error = new Error('boom');
    const task = ex.createTask(failing(100, error));
    const seen: unknown[] = [];
    task.addDoneCallback((t) => seen.push(t.exception()));
    await clock.advance(100);
    await clock.settle();
    expect(seen).toEqual([error]);
  });
});
