// Hidden spec of 03-futures/future.
//
// Clause list: each clause of the stub's doc comments, then the tests that fail when only it is broken.
//
// The class
//  1. A future starts pending; creating one starts no timer.
//       - a new future is pending: done() and cancelled() are false, and no timer is started
//  2. It ends in exactly one of three states, for good; `done()` is true in all three.
//       - setResult finishes it: done() is true, cancelled() is false and result() returns the value
//       - setException finishes it: result() throws that very error object and exception() returns it
//       - cancel on a pending future returns true; the future is then cancelled and done
//  3. Any value can be the result or the exception, `undefined`, `null`, `0`, `false`, `''` included.
//       - any value can be the result, undefined, null, 0, false and "" included
//       - any value can be the exception, undefined, null, 0, false and "" included
//       - any value can be the exception: a string given to setException is thrown as is
// done() / cancelled()
//  4. `done()` is false while pending, true once finished or cancelled; `cancelled()` only after cancel.
//       - (the tests of clauses 1 and 2)
//       - cancel on a finished future returns false and changes nothing
// result()
//  5. Finished with a result: returns it.
//       - setResult finishes it: done() is true, cancelled() is false and result() returns the value
//  6. Finished with an exception: throws that very value.
//       - setException finishes it: result() throws that very error object and exception() returns it
//  7. Cancelled: throws a CancelledError with `msg`, even '', the default message without one.
//       - after cancel(msg), result() and exception() throw a CancelledError carrying msg
//       - after cancel() without a message, result(), exception() and await give the default message of CancelledError
//       - cancel("") keeps the empty message: result(), exception() and await give a CancelledError with message ""
//  8. Pending: throws InvalidStateError.
//       - result() before the future is done throws InvalidStateError instead of returning undefined
// exception()
//  9. Exception: returns it; result: undefined; cancelled: throws CancelledError; pending: InvalidStateError.
//       - setException finishes it: result() throws that very error object and exception() returns it
//       - exception() returns undefined after setResult
//       - after cancel(msg), result() and exception() throw a CancelledError carrying msg
//       - exception() before the future is done throws InvalidStateError
// setResult / setException
// 10. They finish the future and queue its done callbacks.
//       - setResult does not call them synchronously: they run in microtasks right after, before any timer
//       - setException runs the done callbacks too, and not synchronously
// 11. `setResult` keeps `value` as it is, even a promise: `result()` returns it, the future is done at once.
//       - setResult keeps a promise as the result itself; await follows it
// 12. Once done, both throw InvalidStateError and change nothing.
//       - a second setResult throws InvalidStateError and the first value stays
//       - setException after setResult throws InvalidStateError and the result stays
//       - setResult after setException throws InvalidStateError and the exception stays
//       - setResult and setException after cancel throw InvalidStateError
//       - a rejected second setResult or setException, or a late cancel, does not run the done callbacks again
// 13. A future that fails while nobody awaits it is not an unhandled rejection.
//       - a future failed with setException that nobody awaits reports no unhandled rejection
//       - a failure awaited only in a later turn is caught there, with no unhandled rejection before
// cancel
// 14. Pending: becomes cancelled and done, queues its callbacks, returns true.
//       - cancel on a pending future returns true; the future is then cancelled and done
//       - cancel runs the done callbacks too, and not synchronously
//       - a cancelled future that nobody awaits reports no unhandled rejection
// 15. Already done: nothing changes, returns false.
//       - a second cancel returns false
//       - cancel on a finished future returns false and changes nothing
// addDoneCallback
// 16. Never called synchronously: not in setResult/setException/cancel, not in addDoneCallback.
//       - setResult does not call them synchronously: they run in microtasks right after, before any timer
//       - setException runs the done callbacks too, and not synchronously
//       - cancel runs the done callbacks too, and not synchronously
//       - a callback added after completion is not called inside addDoneCallback, but in a microtask right after
// 17. Each call is its own microtask: it runs before any timer, right after the running code.
//       - callbacks are not called while the future is pending, however much time passes
//       - callbacks run at the virtual time the future is completed
//       - once the future is done, removeDoneCallback returns 0 and the queued callbacks still run
//       - a done callback that throws does not stop the others or change the future, and its error is reported
// 18. Pending callbacks are queued in order, at the moment the future becomes done; a late one at once.
//       - callbacks run in the order they were added
//       - callbacks are queued inside setResult, setException and cancel: they run before a microtask queued after the call
//       - a callback added once the future is done is queued inside addDoneCallback: it runs before a microtask queued after it
//       - callbacks added after completion run in the order added, after those queued at completion
//       - a callback added long after completion still runs, at the time it is added
// 19. Each registration runs exactly once; the same function added twice runs twice; a late add runs only itself.
//       - the same function added twice runs twice
//       - adding a callback after completion runs only that callback, not the earlier ones again
//       - each callback receives the future itself
// 20. A callback that throws stops no other callback, changes nothing, and its error is reported.
//       - a done callback that throws does not stop the others or change the future, and its error is reported
// removeDoneCallback
// 21. Removes every registration of fn not queued yet and returns how many (0 if none).
//       - removeDoneCallback removes every registration of fn, returns how many, and leaves the others
//       - removeDoneCallback of a function that was never added returns 0
// 22. Once done, it returns 0 and cannot stop the queued callbacks.
//       - once the future is done, removeDoneCallback returns 0 and the queued callbacks still run
// then
// 23. Returns a real Promise, settled as promise.then would on the outcome: result, exception, CancelledError.
//       - then returns a real Promise, so calls can be chained
//       - await resolves with the result, at the virtual time setResult is called
//       - await rejects with the very error given to setException
//       - awaiting a cancelled future rejects with a CancelledError carrying the message
//       - the onRejected of then receives the error and its return value resolves the promise
//       - a then without onRejected returns a promise that rejects with the error
//       - works wherever a promise does: Promise.all and Promise.race
// 24. A result that is a promise or thenable is followed.
//       - setResult keeps a promise as the result itself; await follows it
// 25. Works before and after done, any number of times.
//       - many awaiters, before and after completion, all get the same value
//       - awaiting a future that is already done gives its outcome at once, without a timer
// 26. Never calls onFulfilled or onRejected synchronously.
//       - then never calls its callbacks synchronously, even when the future is already done
// 27. The promise then returns is ordinary: unhandled if it rejects and nobody handles it.
//       - a then whose promise nobody handles is reported as an unhandled rejection
// 28. A future that nobody awaits never causes an unhandled rejection.
//       - a future failed with setException that nobody awaits reports no unhandled rejection
//       - a cancelled future that nobody awaits reports no unhandled rejection
//       - awaiters that catch the error leave no unhandled rejection behind
//
// Left open on purpose (the doc comment says so): whether result() throws a new CancelledError each
// time, and how done callbacks interleave with the reactions of the promises then returns. No test
// depends on either.
import { describe, expect, test } from 'vitest';
import { captureUncaughtExceptions, captureUnhandledRejections, inOrder, later, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/03-futures/future.ts');

const ex = loadExercise<Module>('03-futures/future', ['Future', 'InvalidStateError', 'CancelledError']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

const uncaught = captureUncaughtExceptions();

const DEFAULT_CANCEL_MESSAGE = 'the future was cancelled';

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
function expectErrorClass(error: unknown, name: 'InvalidStateError' | 'CancelledError', what: string): void {
  expect(error, `${what} should be ${name === 'InvalidStateError' ? 'an' : 'a'} ${name}`).toBeInstanceOf(ex[name]);
  expect((error as Error).name, `${what}: the name of the error`).toBe(name);
}

/** Checks that `error` is a CancelledError with `message`. */
function expectCancelledError(error: unknown, message: string, what: string): void {
  expectErrorClass(error, 'CancelledError', what);
  expect((error as Error).message, `${what}: the message of the CancelledError`).toBe(message);
}

const ANY_VALUES: readonly unknown[] = [undefined, null, 0, false, ''];
const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

describe('settling once', () => {
  test('a new future is pending: done() and cancelled() are false, and no timer is started', async () => {
    const future = new ex.Future<number>();
    expect(future.done(), 'done() of a new future').toBe(false);
    expect(future.cancelled(), 'cancelled() of a new future').toBe(false);
    await clock.advance(1000);
    expect(future.done(), 'done() of a future nobody settled, 1000 ms later').toBe(false);
    expect(clock.timersStarted(), 'timers started by creating a future').toBe(0);
  });

  test('setResult finishes it: done() is true, cancelled() is false and result() returns the value', points(2), () => {
    const value = { answer: 42 };
    const future = new ex.Future<{ answer: number }>();
    future.setResult(value);
    expect(future.done(), 'done() after setResult').toBe(true);
    expect(future.cancelled(), 'cancelled() after setResult').toBe(false);
    expect(future.result(), 'result() after setResult(value): the very value').toBe(value);
  });

  test('any value can be the result, undefined, null, 0, false and "" included', points(2), async () => {
    for (const value of ANY_VALUES) {
      const future = new ex.Future<unknown>();
      const awaited = track(future);
      future.setResult(value);
      expect(future.done(), `done() after setResult(${show(value)})`).toBe(true);
      expect(thrownBy(() => future.result()), `what result() throws after setResult(${show(value)})`).toBe('did not throw');
      expect(future.result(), `result() after setResult(${show(value)})`).toBe(value);
      expect(future.exception(), `exception() after setResult(${show(value)})`).toBeUndefined();
      expectErrorClass(thrownBy(() => future.setResult(value)), 'InvalidStateError', `a second setResult after setResult(${show(value)})`);
      await flushMicrotasks();
      expect(awaited.outcome(), `await after setResult(${show(value)})`).toStrictEqual({ resolved: value, at: 0 });
    }
  });

  test('result() before the future is done throws InvalidStateError instead of returning undefined', points(2), () => {
    const future = new ex.Future<number>();
    expectErrorClass(
      thrownBy(() => future.result()),
      'InvalidStateError',
      'result() of a pending future',
    );
  });

  test('exception() before the future is done throws InvalidStateError', () => {
    const future = new ex.Future<number>();
    expectErrorClass(
      thrownBy(() => future.exception()),
      'InvalidStateError',
      'exception() of a pending future',
    );
  });

  test('a second setResult throws InvalidStateError and the first value stays', points(2), () => {
    const future = new ex.Future<string>();
    future.setResult('first');
    expectErrorClass(
      thrownBy(() => future.setResult('second')),
      'InvalidStateError',
      'a second setResult',
    );
    expect(future.result(), 'result() after setResult("first") then setResult("second")').toBe('first');
  });

  test('setException after setResult throws InvalidStateError and the result stays', () => {
    const future = new ex.Future<string>();
    future.setResult('kept');
    expectErrorClass(
      thrownBy(() => future.setException(new Error('too late'))),
      'InvalidStateError',
      'setException after setResult',
    );
    expect(future.result(), 'result() after the refused setException').toBe('kept');
    expect(future.exception(), 'exception() after the refused setException').toBeUndefined();
  });

  test('setResult after setException throws InvalidStateError and the exception stays', () => {
    const error = new Error('kept');
    const future = new ex.Future<string>();
    future.setException(error);
    expectErrorClass(
      thrownBy(() => future.setResult('too late')),
      'InvalidStateError',
      'setResult after setException',
    );
    expectErrorClass(
      thrownBy(() => future.setException(new Error('later'))),
      'InvalidStateError',
      'a second setException',
    );
    expect(future.exception(), 'exception() after the refused calls').toBe(error);
  });

  test('setException finishes it: result() throws that very error object and exception() returns it', points(2), () => {
    const error = new RangeError('out of range');
    const future = new ex.Future<number>();
    future.setException(error);
    expect(future.done(), 'done() after setException').toBe(true);
    expect(future.cancelled(), 'cancelled() after setException').toBe(false);
    expect(
      thrownBy(() => future.result()),
      'what result() throws after setException(error)',
    ).toBe(error);
    expect(future.exception(), 'exception() after setException(error)').toBe(error);
  });

  test('any value can be the exception, undefined, null, 0, false and "" included', points(2), async () => {
    for (const error of ANY_VALUES) {
      const future = new ex.Future<string>();
      const awaited = track(future);
      future.setException(error);
      expect(future.done(), `done() after setException(${show(error)})`).toBe(true);
      expect(
        thrownBy(() => future.result()),
        `what result() throws after setException(${show(error)})`,
      ).toBe(error);
      expect(future.exception(), `exception() after setException(${show(error)})`).toBe(error);
      await flushMicrotasks();
      expect(awaited.outcome(), `await after setException(${show(error)})`).toStrictEqual({ rejected: error, at: 0 });
    }
  });

  test('exception() returns undefined after setResult', () => {
    const future = new ex.Future<number>();
    future.setResult(0);
    expect(future.exception(), 'exception() after setResult(0)').toBeUndefined();
  });

  test('any value can be the exception: a string given to setException is thrown as is', () => {
    const future = new ex.Future<number>();
    future.setException('plain string');
    expect(future.done(), 'done() after setException("plain string")').toBe(true);
    expect(
      thrownBy(() => future.result()),
      'what result() throws',
    ).toBe('plain string');
    expect(future.exception(), 'exception()').toBe('plain string');
  });

  test('setResult keeps a promise as the result itself; await follows it', async () => {
    const inner = later(100, 'inner value');
    const future = new ex.Future<Promise<string>>();
    const awaited = track(future as unknown as PromiseLike<string>);
    future.setResult(inner);
    expect(future.done(), 'done() right after setResult(a pending promise)').toBe(true);
    expect(future.result(), 'result() after setResult(promise): that very promise').toBe(inner);
    await clock.advance(99);
    expect(awaited.outcome(), 'await of a future whose result is a promise that resolves at 100 ms, at 99 ms').toBe('pending');
    await clock.advance(1);
    expect(awaited.outcome(), 'await of a future whose result is a promise that resolves at 100 ms').toStrictEqual({ resolved: 'inner value', at: 100 });
  });

  test('a rejected second setResult or setException, or a late cancel, does not run the done callbacks again', async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    future.addDoneCallback(() => calls++);
    future.setResult(1);
    await flushMicrotasks();
    expect(() => future.setResult(2), 'a second setResult should throw').toThrow();
    expect(() => future.setException(new Error('late')), 'setException after setResult should throw').toThrow();
    expect(future.cancel(), 'cancel() after setResult').toBe(false);
    await flushMicrotasks();
    expect(calls, 'calls of a done callback added once').toBe(1);
  });
});

describe('cancelling', () => {
  test('cancel on a pending future returns true; the future is then cancelled and done', points(2), () => {
    const future = new ex.Future<number>();
    expect(future.cancel(), 'cancel() on a pending future').toBe(true);
    expect(future.cancelled(), 'cancelled() after cancel').toBe(true);
    expect(future.done(), 'done() after cancel').toBe(true);
  });

  test('after cancel(msg), result() and exception() throw a CancelledError carrying msg', points(2), () => {
    const future = new ex.Future<number>();
    future.cancel('no longer needed');
    expectCancelledError(
      thrownBy(() => future.result()),
      'no longer needed',
      'what result() throws after cancel("no longer needed")',
    );
    expectCancelledError(
      thrownBy(() => future.exception()),
      'no longer needed',
      'what exception() throws after cancel("no longer needed")',
    );
  });

  test('after cancel() without a message, result(), exception() and await give the default message of CancelledError', points(2), async () => {
    for (const [label, cancel] of [
      ['cancel()', (f: InstanceType<Module['Future']>) => f.cancel()],
      ['cancel(undefined)', (f: InstanceType<Module['Future']>) => f.cancel(undefined)],
    ] as const) {
      const future = new ex.Future<number>();
      const early = track(future);
      cancel(future);
      const late = track(future);
      expectCancelledError(
        thrownBy(() => future.result()),
        DEFAULT_CANCEL_MESSAGE,
        `what result() throws after ${label}`,
      );
      expectCancelledError(
        thrownBy(() => future.exception()),
        DEFAULT_CANCEL_MESSAGE,
        `what exception() throws after ${label}`,
      );
      await flushMicrotasks();
      expectCancelledError(early.value(), DEFAULT_CANCEL_MESSAGE, `what an await started before ${label} rejects with`);
      expectCancelledError(late.value(), DEFAULT_CANCEL_MESSAGE, `what an await started after ${label} rejects with`);
    }
  });

  test('cancel("") keeps the empty message: result(), exception() and await give a CancelledError with message ""', points(2), async () => {
    const future = new ex.Future<number>();
    const early = track(future);
    future.cancel('');
    const late = track(future);
    expectCancelledError(
      thrownBy(() => future.result()),
      '',
      'what result() throws after cancel("")',
    );
    expectCancelledError(
      thrownBy(() => future.exception()),
      '',
      'what exception() throws after cancel("")',
    );
    await flushMicrotasks();
    expectCancelledError(early.value(), '', 'what an await started before cancel("") rejects with');
    expectCancelledError(late.value(), '', 'what an await started after cancel("") rejects with');
  });

  test('a second cancel returns false', () => {
    const future = new ex.Future<number>();
    future.cancel('first');
    expect(future.cancel('second'), 'a second cancel').toBe(false);
    expect(future.cancelled(), 'cancelled() after the second cancel').toBe(true);
    expectCancelledError(
      thrownBy(() => future.result()),
      'first',
      'what result() throws after cancel("first"), cancel("second")',
    );
  });

  test('cancel on a finished future returns false and changes nothing', points(2), () => {
    const withResult = new ex.Future<string>();
    withResult.setResult('done');
    expect(withResult.cancel(), 'cancel() after setResult').toBe(false);
    expect(withResult.cancelled(), 'cancelled() after setResult, then cancel()').toBe(false);
    expect(withResult.result(), 'result() after setResult, then cancel()').toBe('done');

    const error = new Error('failed');
    const withException = new ex.Future<string>();
    withException.setException(error);
    expect(withException.cancel(), 'cancel() after setException').toBe(false);
    expect(withException.cancelled(), 'cancelled() after setException, then cancel()').toBe(false);
    expect(withException.exception(), 'exception() after setException, then cancel()').toBe(error);
  });

  test('setResult and setException after cancel throw InvalidStateError', points(2), () => {
    const future = new ex.Future<string>();
    future.cancel();
    expectErrorClass(
      thrownBy(() => future.setResult('late')),
      'InvalidStateError',
      'setResult after cancel',
    );
    expectErrorClass(
      thrownBy(() => future.setException(new Error('late'))),
      'InvalidStateError',
      'setException after cancel',
    );
    expect(future.cancelled(), 'cancelled() after the refused calls').toBe(true);
  });
});

describe('done callbacks', () => {
  test('callbacks are not called while the future is pending, however much time passes', async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    future.addDoneCallback(() => calls++);
    await clock.advance(10_000);
    await flushMicrotasks();
    expect(calls, 'calls of a done callback of a future that stays pending').toBe(0);
  });

  test('setResult does not call them synchronously: they run in microtasks right after, before any timer', points(2), async () => {
    const future = new ex.Future<number>();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('callback'));
    future.setResult(1);
    events.push('after setResult');
    await flushMicrotasks();
    expect(inOrder(events), 'the order things happened in, without moving time').toBe(inOrder(['after setResult', 'callback']));
    expect(clock.timersStarted(), 'timers started to run the callbacks').toBe(0);
  });

  test('callbacks run in the order they were added', points(2), async () => {
    const future = new ex.Future<number>();
    const order: number[] = [];
    for (let i = 1; i <= 5; i++) future.addDoneCallback(() => order.push(i));
    future.setResult(0);
    await flushMicrotasks();
    expect(order, 'the callbacks added 1st to 5th, in the order they ran').toEqual([1, 2, 3, 4, 5]);
  });

  test('callbacks are queued inside setResult, setException and cancel: they run before a microtask queued after the call', points(2), async () => {
    const finishers = [
      ['setResult(1)', (f: InstanceType<Module['Future']>) => f.setResult(1)],
      ['setException(error)', (f: InstanceType<Module['Future']>) => f.setException(new Error('failed'))],
      ['cancel()', (f: InstanceType<Module['Future']>) => void f.cancel()],
    ] as const;
    for (const [label, finish] of finishers) {
      const future = new ex.Future<number>();
      const events: string[] = [];
      future.addDoneCallback(() => events.push('first callback'));
      future.addDoneCallback(() => events.push('second callback'));
      finish(future);
      queueMicrotask(() => events.push(`a microtask queued right after ${label}`));
      await flushMicrotasks();
      expect(inOrder(events), `the order things ran in after ${label}`).toBe(inOrder(['first callback', 'second callback', `a microtask queued right after ${label}`]));
    }
  });

  test('each callback receives the future itself', async () => {
    const future = new ex.Future<number>();
    const seen: unknown[] = [];
    future.addDoneCallback((f) => seen.push(f));
    future.setResult(3);
    future.addDoneCallback((f) => seen.push(f));
    await flushMicrotasks();
    expect(seen, 'what the two callbacks received').toHaveLength(2);
    expect(seen[0], 'the argument of a callback added before completion').toBe(future);
    expect(seen[1], 'the argument of a callback added after completion').toBe(future);
  });

  test('callbacks run at the virtual time the future is completed', async () => {
    const future = new ex.Future<string>();
    const times: number[] = [];
    future.addDoneCallback(() => times.push(clock.now()));
    setTimeout(() => future.setResult('late'), 250);
    await clock.advance(249);
    expect(times, 'callback runs before setResult at 250 ms').toEqual([]);
    await clock.advance(1);
    expect(times, 'the virtual times the callback ran at').toEqual([250]);
  });

  test('setException runs the done callbacks too, and not synchronously', async () => {
    const future = new ex.Future<number>();
    const events: unknown[] = [];
    future.addDoneCallback((f) => events.push(f.exception()));
    const error = new Error('failed');
    future.setException(error);
    events.push('after setException');
    await flushMicrotasks();
    expect(inOrder(events), 'the order things happened in (the callback records exception())').toBe(inOrder(['after setException', error]));
    expect(events[1], 'what exception() returned inside the callback').toBe(error);
  });

  test('cancel runs the done callbacks too, and not synchronously', async () => {
    const future = new ex.Future<number>();
    const events: unknown[] = [];
    future.addDoneCallback((f) => events.push(`callback: cancelled() is ${f.cancelled()}`));
    future.cancel();
    events.push('after cancel');
    await flushMicrotasks();
    expect(inOrder(events), 'the order things happened in').toBe(inOrder(['after cancel', 'callback: cancelled() is true']));
  });

  test('a callback added after completion is not called inside addDoneCallback, but in a microtask right after', points(2), async () => {
    const future = new ex.Future<number>();
    future.setResult(1);
    await flushMicrotasks();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('callback'));
    events.push('after addDoneCallback');
    await flushMicrotasks();
    expect(inOrder(events), 'the order things happened in, without moving time').toBe(inOrder(['after addDoneCallback', 'callback']));
    expect(clock.timersStarted(), 'timers started to run the callback').toBe(0);
  });

  test('a callback added once the future is done is queued inside addDoneCallback: it runs before a microtask queued after it', async () => {
    const future = new ex.Future<number>();
    future.setResult(1);
    await flushMicrotasks();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('late callback'));
    queueMicrotask(() => events.push('a microtask queued right after addDoneCallback'));
    await flushMicrotasks();
    expect(inOrder(events), 'the order things ran in').toBe(inOrder(['late callback', 'a microtask queued right after addDoneCallback']));
  });

  test('a callback added long after completion still runs, at the time it is added', points(2), async () => {
    const future = new ex.Future<number>();
    setTimeout(() => future.setResult(1), 100);
    await clock.advance(500);
    const times: number[] = [];
    future.addDoneCallback(() => times.push(clock.now()));
    await flushMicrotasks();
    expect(times, 'the virtual times the callback ran at, added at 500 ms to a future done at 100 ms').toEqual([500]);
  });

  test('adding a callback after completion runs only that callback, not the earlier ones again', points(2), async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('early'));
    future.setResult(1);
    await flushMicrotasks();
    future.addDoneCallback(() => calls.push('late'));
    await flushMicrotasks();
    expect(inOrder(calls), 'the callbacks that ran, in order').toBe(inOrder(['early', 'late']));
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
    expect(inOrder(calls), 'a and b added before setResult, c and d right after it').toBe(inOrder(['a', 'b', 'c', 'd']));
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
    expect(calls, 'calls of a function added twice').toBe(2);
  });

  test('a done callback that throws does not stop the others or change the future, and its error is reported', points(2), async () => {
    const error = new Error('a done callback failed');
    const future = new ex.Future<number>();
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('first'));
    future.addDoneCallback(() => {
      calls.push('throwing');
      throw error;
    });
    future.addDoneCallback(() => calls.push('third'));
    const awaited = track(future);
    future.setResult(7);
    await flushMicrotasks();
    await realTick();
    expect(inOrder(calls), 'the callbacks that ran, the second one throwing').toBe(inOrder(['first', 'throwing', 'third']));
    expect(future.result(), 'result() after a callback threw').toBe(7);
    expect(awaited.outcome(), 'an await started before setResult').toStrictEqual({ resolved: 7, at: 0 });
    expect([...uncaught, ...unhandled], 'the errors Node reported: the one the callback threw, once').toEqual([error]);
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
    expect(future.removeDoneCallback(removed), 'removeDoneCallback of a function added twice').toBe(2);
    expect(future.removeDoneCallback(removed), 'removeDoneCallback of it once more').toBe(0);
    future.setResult(1);
    await flushMicrotasks();
    expect(inOrder(calls), 'the callbacks that ran').toBe(inOrder(['kept']));
  });

  test('removeDoneCallback of a function that was never added returns 0', () => {
    const future = new ex.Future<number>();
    future.addDoneCallback(() => undefined);
    expect(future.removeDoneCallback(() => undefined), 'removeDoneCallback of a function never added').toBe(0);
  });

  test('once the future is done, removeDoneCallback returns 0 and the queued callbacks still run', async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    const early = (): void => {
      calls.push('added before setResult');
    };
    const late = (): void => {
      calls.push('added after setResult');
    };
    future.addDoneCallback(early);
    future.setResult(1);
    future.addDoneCallback(late);
    expect(future.removeDoneCallback(early), 'removeDoneCallback right after setResult, of a callback added before').toBe(0);
    expect(future.removeDoneCallback(late), 'removeDoneCallback of a callback added after setResult').toBe(0);
    await flushMicrotasks();
    expect(inOrder(calls), 'the callbacks that ran').toBe(inOrder(['added before setResult', 'added after setResult']));
  });
});

describe('awaiting', () => {
  test('await resolves with the result, at the virtual time setResult is called', points(3), async () => {
    const future = new ex.Future<string>();
    setTimeout(() => future.setResult('ready'), 300);
    const awaited = track((async () => await future)());
    await clock.advance(299);
    expect(awaited.outcome(), 'await, at 299 ms (setResult comes at 300 ms)').toBe('pending');
    await clock.advance(1);
    expect(awaited.outcome(), 'await, at 300 ms').toEqual({ resolved: 'ready', at: 300 });
  });

  test('await rejects with the very error given to setException', points(2), async () => {
    const error = new TypeError('bad input');
    const future = new ex.Future<string>();
    const awaited = track((async () => await future)());
    setTimeout(() => future.setException(error), 100);
    await clock.advance(100);
    expect(awaited.outcome(), 'await of a future failed at 100 ms').toEqual({ rejected: error, at: 100 });
    expect(awaited.value(), 'the very error given to setException').toBe(error);
  });

  test('awaiting a cancelled future rejects with a CancelledError carrying the message', points(2), async () => {
    const future = new ex.Future<string>();
    const awaited = track(future);
    setTimeout(() => future.cancel('shutting down'), 50);
    await clock.advance(50);
    expect(awaited.state(), 'await of a future cancelled at 50 ms').toBe('rejected');
    expect(awaited.settledAt(), 'the virtual time the await rejected at').toBe(50);
    expectCancelledError(awaited.value(), 'shutting down', 'what the await rejects with');
    const late = track(future);
    await flushMicrotasks();
    expectCancelledError(late.value(), 'shutting down', 'what an await started after the cancel rejects with');
  });

  test('many awaiters, before and after completion, all get the same value', points(2), async () => {
    const value = { id: 7 };
    const future = new ex.Future<{ id: number }>();
    const early = [track(future), track(future)];
    setTimeout(() => future.setResult(value), 100);
    await clock.advance(200);
    const late = track(future);
    await clock.settle();
    for (const awaiter of early) expect(awaiter.outcome(), 'an await started before setResult at 100 ms').toEqual({ resolved: value, at: 100 });
    expect(late.outcome(), 'an await started at 200 ms').toEqual({ resolved: value, at: 200 });
    expect(late.value(), 'the very result object').toBe(value);
  });

  test('awaiting a future that is already done gives its outcome at once, without a timer', async () => {
    const future = new ex.Future<number>();
    future.setResult(5);
    const awaited = track(future);
    await flushMicrotasks();
    expect(awaited.outcome(), 'await of a future that already has the result 5').toEqual({ resolved: 5, at: 0 });
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });

  test('then returns a real Promise, so calls can be chained', async () => {
    const future = new ex.Future<number>();
    const chained = future.then((n) => n + 1);
    expect(chained, 'what then returns').toBeInstanceOf(Promise);
    const result = track(chained.then((n) => n * 10));
    future.setResult(2);
    await flushMicrotasks();
    expect(result.outcome(), 'then(n => n + 1).then(n => n * 10) on 2').toEqual({ resolved: 30, at: 0 });
  });

  test('then never calls its callbacks synchronously, even when the future is already done', points(2), async () => {
    const ready = new ex.Future<string>();
    ready.setResult('ready');
    const failed = new ex.Future<string>();
    failed.setException(new Error('failed'));
    const cancelled = new ex.Future<string>();
    cancelled.cancel();
    const events: string[] = [];
    void ready.then(() => events.push('onFulfilled of a future with a result'));
    void failed.then(undefined, () => events.push('onRejected of a failed future'));
    void cancelled.then(undefined, () => events.push('onRejected of a cancelled future'));
    expect(events, 'callbacks called inside then').toEqual([]);
    await flushMicrotasks();
    expect([...events].sort(), 'every callback should still run, in a microtask').toEqual(
      ['onFulfilled of a future with a result', 'onRejected of a failed future', 'onRejected of a cancelled future'].sort(),
    );
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
    expect(handled.outcome(), 'then(onFulfilled, onRejected) on a future that fails').toEqual({ resolved: 'rejected with the error', at: 0 });
  });

  test('a then without onRejected returns a promise that rejects with the error', async () => {
    const error = new Error('passed along');
    const future = new ex.Future<string>();
    const chained = track(future.then((text) => text.length));
    future.setException(error);
    await flushMicrotasks();
    expect(chained.outcome(), 'then(onFulfilled) on a future that fails').toEqual({ rejected: error, at: 0 });
  });

  test('works wherever a promise does: Promise.all and Promise.race', async () => {
    const a = new ex.Future<string>();
    const b = new ex.Future<string>();
    const all = track(Promise.all([a, b]));
    const race = track(Promise.race([a, b]));
    setTimeout(() => b.setResult('b'), 100);
    setTimeout(() => a.setResult('a'), 200);
    await clock.advance(200);
    expect(race.outcome(), 'Promise.race: b at 100 ms, a at 200 ms').toEqual({ resolved: 'b', at: 100 });
    expect(all.outcome(), 'Promise.all: b at 100 ms, a at 200 ms').toEqual({ resolved: ['a', 'b'], at: 200 });
  });
});

describe('unhandled rejections', () => {
  test('a future failed with setException that nobody awaits reports no unhandled rejection', points(3), async () => {
    const future = new ex.Future<number>();
    future.setException(new Error('nobody asked'));
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled, 'rejections nobody handled').toEqual([]);
    expect(future.done(), 'done() of the failed future').toBe(true);
  });

  test('a cancelled future that nobody awaits reports no unhandled rejection', points(2), async () => {
    const future = new ex.Future<number>();
    future.cancel('nobody asked');
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled, 'rejections nobody handled').toEqual([]);
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
    expect(awaited.value(), 'what try { await future } caught, a turn after setException').toBe(error);
    expect(unhandled, 'rejections nobody handled').toEqual([]);
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
    expect(both.state(), 'two awaiters that each handle the error').toBe('resolved');
    expect(messages).toEqual(['handled', 'handled']);
    expect(unhandled, 'rejections nobody handled').toEqual([]);
  });

  test('a then whose promise nobody handles is reported as an unhandled rejection', async () => {
    const error = new Error('nobody handles the promise of this then');
    const future = new ex.Future<number>();
    void future.then((n) => n + 1);
    future.setException(error);
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled, 'rejections nobody handled: the promise then returned, and only it').toEqual([error]);
  });
});
