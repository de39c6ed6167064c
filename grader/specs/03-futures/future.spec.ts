import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/03-futures/future.ts');

const ex = loadExercise<Module>('03-futures/future', ['Future', 'InvalidStateError', 'CancelledError']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/**
 * Lets everything queued so far for "right after the current code" run: microtasks (and the ones
 * they queue) and process.nextTick callbacks. Timers are fake and time does not move, so no timer
 * runs, not even one of 0 ms.
 */
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await realTick();
}

/** What calling `fn` throws, or a marker if it returns. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return 'did not throw';
}

/** Checks that `error` is an instance of the exercise's error class `name`, with that name. */
function expectErrorClass(error: unknown, name: 'InvalidStateError' | 'CancelledError'): void {
  expect(error).toBeInstanceOf(ex[name]);
  expect((error as Error).name).toBe(name);
}

describe('settling once', () => {
  test('a new future is pending: done() and cancelled() are false', () => {
    const future = new ex.Future<number>();
    expect(future.done()).toBe(false);
    expect(future.cancelled()).toBe(false);
  });

  test('setResult finishes it: done() is true, cancelled() is false and result() returns the value', points(2), () => {
    const value = { answer: 42 };
    const future = new ex.Future<{ answer: number }>();
    future.setResult(value);
    expect(future.done()).toBe(true);
    expect(future.cancelled()).toBe(false);
    expect(future.result()).toBe(value);
  });

  test('result() before the future is done throws InvalidStateError instead of returning undefined', points(2), () => {
    const future = new ex.Future<number>();
    expectErrorClass(thrownBy(() => future.result()), 'InvalidStateError');
  });

  test('exception() before the future is done throws InvalidStateError', () => {
    const future = new ex.Future<number>();
    expectErrorClass(thrownBy(() => future.exception()), 'InvalidStateError');
  });

  test('a second setResult throws InvalidStateError and the first value stays', points(2), () => {
    const future = new ex.Future<string>();
    future.setResult('first');
    expectErrorClass(thrownBy(() => future.setResult('second')), 'InvalidStateError');
    expect(future.result()).toBe('first');
  });

  test('setException after setResult throws InvalidStateError and the result stays', () => {
    const future = new ex.Future<string>();
    future.setResult('kept');
    expectErrorClass(thrownBy(() => future.setException(new Error('too late'))), 'InvalidStateError');
    expect(future.result()).toBe('kept');
    expect(future.exception()).toBeUndefined();
  });

  test('setResult after setException throws InvalidStateError and the exception stays', () => {
    const error = new Error('kept');
    const future = new ex.Future<string>();
    future.setException(error);
    expectErrorClass(thrownBy(() => future.setResult('too late')), 'InvalidStateError');
    expectErrorClass(thrownBy(() => future.setException(new Error('later'))), 'InvalidStateError');
    expect(future.exception()).toBe(error);
  });

  test('setException finishes it: result() throws that very error object and exception() returns it', points(2), () => {
    const error = new RangeError('out of range');
    const future = new ex.Future<number>();
    future.setException(error);
    expect(future.done()).toBe(true);
    expect(future.cancelled()).toBe(false);
    expect(thrownBy(() => future.result())).toBe(error);
    expect(future.exception()).toBe(error);
  });

  test('exception() returns undefined after setResult', () => {
    const future = new ex.Future<number>();
    future.setResult(0);
    expect(future.exception()).toBeUndefined();
  });

  test('any value can be the exception: a string given to setException is thrown as is', () => {
    const future = new ex.Future<number>();
    future.setException('plain string');
    expect(future.done()).toBe(true);
    expect(thrownBy(() => future.result())).toBe('plain string');
    expect(future.exception()).toBe('plain string');
  });

  test('a rejected second setResult does not run the done callbacks again', async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    future.addDoneCallback(() => calls++);
    future.setResult(1);
    await flushMicrotasks();
    expect(() => future.setResult(2)).toThrow();
    expect(future.cancel()).toBe(false);
    await flushMicrotasks();
    expect(calls).toBe(1);
  });
});

describe('cancelling', () => {
  test('cancel on a pending future returns true; the future is then cancelled and done', points(2), () => {
    const future = new ex.Future<number>();
    expect(future.cancel()).toBe(true);
    expect(future.cancelled()).toBe(true);
    expect(future.done()).toBe(true);
  });

  test('after cancel(msg), result() and exception() throw a CancelledError carrying msg', points(2), () => {
    const future = new ex.Future<number>();
    future.cancel('no longer needed');
    const fromResult = thrownBy(() => future.result());
    expectErrorClass(fromResult, 'CancelledError');
    expect((fromResult as Error).message).toBe('no longer needed');
    const fromException = thrownBy(() => future.exception());
    expectErrorClass(fromException, 'CancelledError');
    expect((fromException as Error).message).toBe('no longer needed');
  });

  test('after cancel() without a message, result() throws a CancelledError', () => {
    const future = new ex.Future<number>();
    future.cancel();
    expectErrorClass(thrownBy(() => future.result()), 'CancelledError');
  });

  test('a second cancel returns false', () => {
    const future = new ex.Future<number>();
    future.cancel('first');
    expect(future.cancel('second')).toBe(false);
    expect(future.cancelled()).toBe(true);
    expect((thrownBy(() => future.result()) as Error).message).toBe('first');
  });

  test('cancel on a finished future returns false and changes nothing', points(2), () => {
    const withResult = new ex.Future<string>();
    withResult.setResult('done');
    expect(withResult.cancel()).toBe(false);
    expect(withResult.cancelled()).toBe(false);
    expect(withResult.result()).toBe('done');

    const error = new Error('failed');
    const withException = new ex.Future<string>();
    withException.setException(error);
    expect(withException.cancel()).toBe(false);
    expect(withException.cancelled()).toBe(false);
    expect(withException.exception()).toBe(error);
  });

  test('setResult and setException after cancel throw InvalidStateError', points(2), () => {
    const future = new ex.Future<string>();
    future.cancel();
    expectErrorClass(thrownBy(() => future.setResult('late')), 'InvalidStateError');
    expectErrorClass(thrownBy(() => future.setException(new Error('late'))), 'InvalidStateError');
    expect(future.cancelled()).toBe(true);
  });
});

describe('done callbacks', () => {
  test('callbacks are not called while the future is pending, however much time passes', async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    future.addDoneCallback(() => calls++);
    await clock.advance(10_000);
    await flushMicrotasks();
    expect(calls).toBe(0);
  });

  test('setResult does not call them synchronously: they run in microtasks right after, before any timer', points(2), async () => {
    const future = new ex.Future<number>();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('callback'));
    future.setResult(1);
    events.push('after setResult');
    await flushMicrotasks();
    expect(events).toEqual(['after setResult', 'callback']);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('callbacks run in the order they were added', points(2), async () => {
    const future = new ex.Future<number>();
    const order: number[] = [];
    for (let i = 1; i <= 5; i++) future.addDoneCallback(() => order.push(i));
    future.setResult(0);
    await flushMicrotasks();
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  test('each callback receives the future itself', async () => {
    const future = new ex.Future<number>();
    const seen: unknown[] = [];
    future.addDoneCallback((f) => seen.push(f));
    future.setResult(3);
    future.addDoneCallback((f) => seen.push(f));
    await flushMicrotasks();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(future);
    expect(seen[1]).toBe(future);
  });

  test('callbacks run at the virtual time the future is completed', async () => {
    const future = new ex.Future<string>();
    const times: number[] = [];
    future.addDoneCallback(() => times.push(clock.now()));
    setTimeout(() => future.setResult('late'), 250);
    await clock.advance(249);
    expect(times).toEqual([]);
    await clock.advance(1);
    expect(times).toEqual([250]);
  });

  test('setException runs the done callbacks too', async () => {
    const future = new ex.Future<number>();
    const seen: unknown[] = [];
    future.addDoneCallback((f) => seen.push(f.exception()));
    const error = new Error('failed');
    future.setException(error);
    await flushMicrotasks();
    expect(seen).toEqual([error]);
  });

  test('cancel runs the done callbacks too', async () => {
    const future = new ex.Future<number>();
    const seen: boolean[] = [];
    future.addDoneCallback((f) => seen.push(f.cancelled()));
    future.cancel();
    await flushMicrotasks();
    expect(seen).toEqual([true]);
  });

  test('a callback added after completion is not called inside addDoneCallback, but in a microtask right after', points(2), async () => {
    const future = new ex.Future<number>();
    future.setResult(1);
    await flushMicrotasks();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('callback'));
    events.push('after addDoneCallback');
    await flushMicrotasks();
    expect(events).toEqual(['after addDoneCallback', 'callback']);
  });

  test('a callback added long after completion still runs, at the time it is added', points(2), async () => {
    const future = new ex.Future<number>();
    setTimeout(() => future.setResult(1), 100);
    await clock.advance(500);
    const times: number[] = [];
    future.addDoneCallback(() => times.push(clock.now()));
    await flushMicrotasks();
    expect(times).toEqual([500]);
  });

  test('adding a callback after completion runs only that callback, not the earlier ones again', points(2), async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('early'));
    future.setResult(1);
    await flushMicrotasks();
    future.addDoneCallback(() => calls.push('late'));
    await flushMicrotasks();
    expect(calls).toEqual(['early', 'late']);
  });

  test('callbacks added after completion run in the order added, after those queued at completion', async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('a'));
    future.addDoneCallback(() => calls.push('b'));
    future.setResult(1);
    future.addDoneCallback(() => calls.push('c'));
    future.addDoneCallback(() => calls.push('d'));
    await flushMicrotasks();
    expect(calls).toEqual(['a', 'b', 'c', 'd']);
  });

  test('the same function added twice runs twice', async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    const callback = (): void => {
      calls++;
    };
    future.addDoneCallback(callback);
    future.addDoneCallback(callback);
    future.setResult(1);
    await flushMicrotasks();
    expect(calls).toBe(2);
  });

  test('removeDoneCallback removes every registration of fn, returns how many, and leaves the others', points(2), async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    const removed = (): void => {
      calls.push('removed');
    };
    future.addDoneCallback(removed);
    future.addDoneCallback(() => calls.push('kept'));
    future.addDoneCallback(removed);
    expect(future.removeDoneCallback(removed)).toBe(2);
    future.setResult(1);
    await flushMicrotasks();
    expect(calls).toEqual(['kept']);
  });

  test('removeDoneCallback of a function that was never added returns 0', () => {
    const future = new ex.Future<number>();
    future.addDoneCallback(() => undefined);
    expect(future.removeDoneCallback(() => undefined)).toBe(0);
  });

  test('once the future is done, removeDoneCallback returns 0 and the queued callback still runs', async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    const callback = (): void => {
      calls++;
    };
    future.addDoneCallback(callback);
    future.setResult(1);
    expect(future.removeDoneCallback(callback)).toBe(0);
    await flushMicrotasks();
    expect(calls).toBe(1);
  });
});

describe('awaiting', () => {
  test('await resolves with the result, at the virtual time setResult is called', points(3), async () => {
    const future = new ex.Future<string>();
    setTimeout(() => future.setResult('ready'), 300);
    expect(future.done()).toBe(false);
    const awaited = track((async () => await future)());
    await clock.advance(299);
    expect(awaited.outcome()).toBe('pending');
    await clock.advance(1);
    expect(awaited.outcome()).toEqual({ resolved: 'ready', at: 300 });
  });

  test('await rejects with the very error given to setException', points(2), async () => {
    const error = new TypeError('bad input');
    const future = new ex.Future<string>();
    const awaited = track((async () => await future)());
    setTimeout(() => future.setException(error), 100);
    await clock.advance(100);
    expect(awaited.outcome()).toEqual({ rejected: error, at: 100 });
    expect(awaited.value()).toBe(error);
  });

  test('awaiting a cancelled future rejects with a CancelledError carrying the message', points(2), async () => {
    const future = new ex.Future<string>();
    const awaited = track(future);
    setTimeout(() => future.cancel('shutting down'), 50);
    await clock.advance(50);
    expect(awaited.state()).toBe('rejected');
    expect(awaited.settledAt()).toBe(50);
    expectErrorClass(awaited.value(), 'CancelledError');
    expect((awaited.value() as Error).message).toBe('shutting down');
  });

  test('many awaiters, before and after completion, all get the same value', points(2), async () => {
    const value = { id: 7 };
    const future = new ex.Future<{ id: number }>();
    const early = [track(future), track(future)];
    setTimeout(() => future.setResult(value), 100);
    await clock.advance(200);
    const late = track(future);
    await clock.settle();
    for (const awaiter of early) expect(awaiter.outcome()).toEqual({ resolved: value, at: 100 });
    expect(late.outcome()).toEqual({ resolved: value, at: 200 });
    expect(late.value()).toBe(value);
  });

  test('awaiting a future that is already done gives its outcome at once, without a timer', async () => {
    const future = new ex.Future<number>();
    future.setResult(5);
    const awaited = track(future);
    await flushMicrotasks();
    expect(awaited.outcome()).toEqual({ resolved: 5, at: 0 });
    expect(clock.pendingTimers()).toBe(0);
  });

  test('then returns a real Promise, so calls can be chained', async () => {
    const future = new ex.Future<number>();
    const chained = future.then((n) => n + 1);
    expect(chained).toBeInstanceOf(Promise);
    const result = track(chained.then((n) => n * 10));
    future.setResult(2);
    await flushMicrotasks();
    expect(result.outcome()).toEqual({ resolved: 30, at: 0 });
  });

  test('then never calls its callbacks synchronously, even when the future is already done', async () => {
    const future = new ex.Future<string>();
    future.setResult('ready');
    const events: string[] = [];
    void future.then(() => events.push('callback'));
    events.push('after then');
    await flushMicrotasks();
    expect(events).toEqual(['after then', 'callback']);
  });

  test('the onRejected of then receives the error and its return value resolves the promise', async () => {
    const error = new Error('no');
    const future = new ex.Future<string>();
    const handled = track(
      future.then(
        () => 'fulfilled',
        (reason: unknown) => (reason === error ? 'rejected with the error' : 'rejected with something else'),
      ),
    );
    future.setException(error);
    await flushMicrotasks();
    expect(handled.outcome()).toEqual({ resolved: 'rejected with the error', at: 0 });
  });

  test('a then without onRejected returns a promise that rejects with the error', async () => {
    const error = new Error('passed along');
    const future = new ex.Future<string>();
    const chained = track(future.then((text) => text.length));
    future.setException(error);
    await flushMicrotasks();
    expect(chained.state()).toBe('rejected');
    expect(chained.value()).toBe(error);
  });

  test('works wherever a promise does: Promise.all and Promise.race', async () => {
    const a = new ex.Future<string>();
    const b = new ex.Future<string>();
    const all = track(Promise.all([a, b]));
    const race = track(Promise.race([a, b]));
    setTimeout(() => b.setResult('b'), 100);
    setTimeout(() => a.setResult('a'), 200);
    await clock.advance(200);
    expect(race.outcome()).toEqual({ resolved: 'b', at: 100 });
    expect(all.outcome()).toEqual({ resolved: ['a', 'b'], at: 200 });
  });
});

describe('no unhandled rejections', () => {
  test('a future failed with setException that nobody awaits reports no unhandled rejection', points(3), async () => {
    const future = new ex.Future<number>();
    future.setException(new Error('nobody asked'));
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
    expect(future.done()).toBe(true);
  });

  test('a cancelled future that nobody awaits reports no unhandled rejection', points(2), async () => {
    const future = new ex.Future<number>();
    future.cancel('nobody asked');
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('a failure awaited only in a later turn is caught there, with no unhandled rejection before', points(2), async () => {
    const error = new Error('kept for later');
    const future = new ex.Future<number>();
    setTimeout(() => future.setException(error), 10);
    await clock.advance(10);
    await realTick();
    await realTick();
    const awaited = track(
      (async () => {
        try {
          await future;
          return 'resolved';
        } catch (reason) {
          return reason;
        }
      })(),
    );
    await flushMicrotasks();
    await realTick();
    expect(awaited.value()).toBe(error);
    expect(unhandled).toEqual([]);
  });

  test('awaiters that catch the error leave no unhandled rejection behind', async () => {
    const error = new Error('handled');
    const future = new ex.Future<number>();
    const messages: string[] = [];
    const first = (async () => {
      try {
        await future;
      } catch (reason) {
        messages.push((reason as Error).message);
      }
    })();
    const second = future.then(undefined, (reason: unknown) => messages.push((reason as Error).message));
    setTimeout(() => future.setException(error), 20);
    await clock.advance(20);
    const both = track(Promise.all([first, second]));
    await flushMicrotasks();
    await realTick();
    expect(both.state()).toBe('resolved');
    expect(messages).toEqual(['handled', 'handled']);
    expect(unhandled).toEqual([]);
  });
});
