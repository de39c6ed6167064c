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
import {
  captureUncaughtExceptions,
  captureUnhandledRejections,
  describeOutcome,
  inOrder,
  later,
  loadExercise,
  type Outcome,
  points,
  realTick,
  show as showValue,
  timeline,
  type Tracked,
  track,
  useVirtualTime,
} from '../../spec-kit/index.ts';

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

/**
 * Checks how `tracked` settled, with what and when (compared as toEqual does, or toStrictEqual when
 * `strict`), and says both outcomes in full: vitest shortens objects and errors.
 */
function expectOutcome(tracked: Tracked<unknown>, expected: Outcome<unknown>, what: string, strict = false): void {
  const should = expected === 'pending' ? 'should still be pending' : `should have ${describeOutcome(expected)}`;
  const message = `${what} ${should}, but it ${describeOutcome(tracked.outcome())}`;
  if (strict) expect(tracked.outcome(), message).toStrictEqual(expected);
  else expect(tracked.outcome(), message).toEqual(expected);
}

/** Checks the order things happened in, and says both orders in full (vitest cuts long strings short). */
function expectOrder(events: readonly unknown[], expected: readonly unknown[], what: string): void {
  const actual = inOrder(events);
  expect(actual, `${what}: should be ${inOrder(expected)}, but was ${actual === '' ? 'nothing at all' : actual}`).toBe(inOrder(expected));
}

// What to look at when a test fails, and the heading of lessons/03-futures.md that teaches it.
const STARTS_EMPTY = {
  hint: 'The constructor only sets up fields: a new future is pending, so `done()` and `cancelled()` return false, and creating it starts nothing, not even a timer.',
  section: 'no-done-a-promise-cannot-be-inspected',
} as const;
const FINISHES = {
  hint: '`setResult` moves the future out of pending for good: from then on `done()` is true, `cancelled()` is false, and `result()` returns the very value it was given.',
  section: 'settled-once-pending-fulfilled-rejected',
} as const;
const ANY_VALUE = {
  hint: 'Record the state in a field of its own (pending, result, exception, cancelled) and never test the stored value: `undefined`, `null`, `0`, `false` and `\'\'` are real results and real exceptions, so a truthiness check or `=== undefined` cannot mean "not yet".',
  section: 'no-done-a-promise-cannot-be-inspected',
} as const;
const NOT_YET = {
  hint: 'A pending future has nothing to read: `result()` and `exception()` throw `new InvalidStateError(…)` while it is pending, instead of returning `undefined`.',
  section: 'future-an-asyncio-style-future',
} as const;
const SETTLES_ONCE = {
  hint: 'Start `setResult` and `setException` by checking the state: once the future is done (with a result, with an exception, or cancelled) they throw `InvalidStateError` and leave the first outcome as it was.',
  section: 'settled-once-pending-fulfilled-rejected',
} as const;
const THROWS_AS_IS = {
  hint: '`result()` of a failed future throws the stored exception itself, not a new `Error` built from it, even when it is a string; `exception()` returns that same value.',
  section: 'no-done-a-promise-cannot-be-inspected',
} as const;
const NO_EXCEPTION = {
  hint: '`exception()` of a future that finished with a result returns `undefined`: it throws only while the future is pending, or once it is cancelled.',
  section: 'no-done-a-promise-cannot-be-inspected',
} as const;
const KEEPS_PROMISE = {
  hint: 'Store what `setResult` is given as it is, even a promise: the future is done at once and `result()` returns that promise. Only the promise that `then` hands out follows it, and `resolve(value)` does that for you.',
  section: 'resolved-is-not-settled',
} as const;
const QUEUED_ONCE = {
  hint: 'Queue the done callbacks only in the one call that completes the future, and empty the list as you do: a refused `setResult` or `setException`, or a `cancel` that returns false, queues nothing.',
  section: 'done-callbacks-and-then',
} as const;
const CANCELS = {
  hint: 'On a pending future, `cancel` moves it to the cancelled state, which counts as done, queues its done callbacks and returns true.',
  section: 'cancelling-a-future-can-a-promise-cannot',
} as const;
const CANCEL_MESSAGE = {
  hint: 'Keep the `msg` given to `cancel`, and build the `CancelledError` from it wherever the cancellation shows: `result()` throws it, `exception()` throws it too (it does not return it), and the promise of `then` rejects with it.',
  section: 'cancelling-a-future-can-a-promise-cannot',
} as const;
const DEFAULT_MESSAGE = {
  hint: 'Hand `msg` to `new CancelledError(msg)` untouched: the default parameter of its constructor already turns a missing or `undefined` message into the default one, and keeps `\'\'`, which `msg || …` would replace.',
  section: 'cancelling-a-future-can-a-promise-cannot',
} as const;
const CANCEL_WHEN_DONE = {
  hint: '`cancel` on a future that is already done, however it ended, returns false and changes nothing: not the state, not the result or exception, not the first message.',
  section: 'cancelling-a-future-can-a-promise-cannot',
} as const;
const WAIT_FOR_DONE = {
  hint: 'Done callbacks wait in a list until the future is done: only `setResult`, `setException` and `cancel` queue them, never a timer.',
  section: 'done-callbacks-and-then',
} as const;
const AS_MICROTASKS = {
  hint: 'Never call a done callback on the spot, and never through a timer (`setTimeout`, `setImmediate`): queue each call with `queueMicrotask`, so it runs right after the code that completed the future, before any timer.',
  section: 'done-callbacks-and-then',
} as const;
const IN_ORDER = {
  hint: 'Keep the callbacks in an array and queue them from the first added to the last, not by popping them off the end.',
  section: 'done-callbacks-and-then',
} as const;
const QUEUED_IN_THE_CALL = {
  hint: 'Queue the callbacks inside `setResult`, `setException` and `cancel` themselves, each with its own `queueMicrotask`: a detour through a promise reaction or a nested `queueMicrotask` lets a microtask queued right after the call run first.',
  section: 'done-callbacks-and-then',
} as const;
const LATE_CALLBACK = {
  hint: 'A callback added to a future that is already done is queued at once, inside `addDoneCallback`, with `queueMicrotask`: neither called on the spot nor kept in the list for a completion that has already happened.',
  section: 'done-callbacks-and-then',
} as const;
const EACH_REGISTRATION = {
  hint: 'Each registration runs exactly once: keep the callbacks in an array (a `Set` merges a function added twice) and empty it when you queue them, so that a later `addDoneCallback` queues only the new callback.',
  section: 'done-callbacks-and-then',
} as const;
const GETS_THE_FUTURE = {
  hint: 'Call each callback with the future itself, whether it was added before or after completion: `fn(this)`, with `this` being the future.',
  section: 'done-callbacks-and-then',
} as const;
const CALLBACK_THROWS = {
  hint: 'Give every callback its own microtask and no `try`/`catch` that swallows: an error thrown in a microtask stops only that microtask, leaves the future as it is, and Node reports it.',
  section: 'done-callbacks-and-then',
} as const;
const REMOVES_ALL = {
  hint: '`removeDoneCallback(fn)` takes out every registration of `fn` still in the list, not only the first, and returns how many it took out (0 for a function never added).',
  section: 'done-callbacks-and-then',
} as const;
const REMOVE_TOO_LATE = {
  hint: 'From the moment the future is done its callbacks are queued and out of the list: `removeDoneCallback` then finds nothing, returns 0 and cannot stop them.',
  section: 'done-callbacks-and-then',
} as const;
const AWAITS = {
  hint: '`await future` calls `future.then(…)`: the promise it gets must settle with the future\'s outcome when the future completes, or in a microtask if it is already done, with the result itself or the very exception.',
  section: 'thenables-anything-with-a-then',
} as const;
const REAL_PROMISE = {
  hint: '`then` returns a real `Promise` that settles as a promise holding the future\'s outcome would: leave `onFulfilled`, `onRejected`, chaining and a missing `onRejected` to that promise\'s own `then` rather than calling them yourself.',
  section: 'thenables-anything-with-a-then',
} as const;
const THEN_NOT_SYNC = {
  hint: 'Even when the future is already done, `then` must not call `onFulfilled` or `onRejected` itself: pass them to a promise\'s `then`, which always calls them in a microtask.',
  section: 'done-callbacks-and-then',
} as const;
const STAYS_QUIET = {
  hint: 'A promise the future rejects for itself, with no handler attached, is reported at the end of the turn: keep the exception in a field and make promises only when `then` is called, or attach a `.catch(() => {})` to your own.',
  section: 'unhandled-rejections',
} as const;
const THEN_IS_ORDINARY = {
  hint: 'The promise `then` returns belongs to its caller: attach no `catch` to it, so that when it rejects and nobody handles it, Node reports it like any other. Silence only the promises the future makes for itself.',
  section: 'unhandled-rejections',
} as const;

describe('settling once', () => {
  test('a new future is pending: done() and cancelled() are false, and no timer is started', points(1, STARTS_EMPTY), async () => {
    const future = new ex.Future<number>();
    expect(future.done(), 'done() of a new future').toBe(false);
    expect(future.cancelled(), 'cancelled() of a new future').toBe(false);
    await clock.advance(1000);
    expect(future.done(), 'done() of a future nobody settled, 1000 ms later').toBe(false);
    expect(clock.timersStarted(), 'timers started by creating a future').toBe(0);
  });

  test('setResult finishes it: done() is true, cancelled() is false and result() returns the value', points(2, FINISHES), () => {
    const value = { answer: 42 };
    const future = new ex.Future<{ answer: number }>();
    future.setResult(value);
    expect(future.done(), 'done() after setResult').toBe(true);
    expect(future.cancelled(), 'cancelled() after setResult').toBe(false);
    expect(future.result(), 'result() after setResult(value): the very value').toBe(value);
  });

  test('any value can be the result, undefined, null, 0, false and "" included', points(2, ANY_VALUE), async () => {
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
      expectOutcome(awaited, { resolved: value, at: 0 }, `await after setResult(${show(value)})`, true);
    }
  });

  test('result() before the future is done throws InvalidStateError instead of returning undefined', points(2, NOT_YET), () => {
    const future = new ex.Future<number>();
    expectErrorClass(
      thrownBy(() => future.result()),
      'InvalidStateError',
      'result() of a pending future',
    );
  });

  test('exception() before the future is done throws InvalidStateError', points(1, NOT_YET), () => {
    const future = new ex.Future<number>();
    expectErrorClass(
      thrownBy(() => future.exception()),
      'InvalidStateError',
      'exception() of a pending future',
    );
  });

  test('a second setResult throws InvalidStateError and the first value stays', points(2, SETTLES_ONCE), () => {
    const future = new ex.Future<string>();
    future.setResult('first');
    expectErrorClass(
      thrownBy(() => future.setResult('second')),
      'InvalidStateError',
      'a second setResult',
    );
    expect(future.result(), 'result() after setResult("first") then setResult("second")').toBe('first');
  });

  test('setException after setResult throws InvalidStateError and the result stays', points(1, SETTLES_ONCE), () => {
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

  test('setResult after setException throws InvalidStateError and the exception stays', points(1, SETTLES_ONCE), () => {
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

  test('setException finishes it: result() throws that very error object and exception() returns it', points(2, THROWS_AS_IS), () => {
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

  test('any value can be the exception, undefined, null, 0, false and "" included', points(2, ANY_VALUE), async () => {
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
      expectOutcome(awaited, { rejected: error, at: 0 }, `await after setException(${show(error)})`, true);
    }
  });

  test('exception() returns undefined after setResult', points(1, NO_EXCEPTION), () => {
    const future = new ex.Future<number>();
    future.setResult(0);
    expect(future.exception(), 'exception() after setResult(0)').toBeUndefined();
  });

  test('any value can be the exception: a string given to setException is thrown as is', points(1, THROWS_AS_IS), () => {
    const future = new ex.Future<number>();
    future.setException('plain string');
    expect(future.done(), 'done() after setException("plain string")').toBe(true);
    expect(
      thrownBy(() => future.result()),
      'what result() throws',
    ).toBe('plain string');
    expect(future.exception(), 'exception()').toBe('plain string');
  });

  test('setResult keeps a promise as the result itself; await follows it', points(1, KEEPS_PROMISE), async () => {
    const inner = later(100, 'inner value');
    const future = new ex.Future<Promise<string>>();
    const awaited = track(future as unknown as PromiseLike<string>);
    future.setResult(inner);
    expect(future.done(), 'done() right after setResult(a pending promise)').toBe(true);
    expect(future.result(), 'result() after setResult(promise): that very promise').toBe(inner);
    await clock.advance(99);
    expectOutcome(awaited, 'pending', 'await of a future whose result is a promise that resolves at 100 ms, at 99 ms');
    await clock.advance(1);
    expectOutcome(awaited, { resolved: 'inner value', at: 100 }, 'await of a future whose result is a promise that resolves at 100 ms', true);
  });

  test('a rejected second setResult or setException, or a late cancel, does not run the done callbacks again', points(1, QUEUED_ONCE), async () => {
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
  test('cancel on a pending future returns true; the future is then cancelled and done', points(2, CANCELS), () => {
    const future = new ex.Future<number>();
    expect(future.cancel(), 'cancel() on a pending future').toBe(true);
    expect(future.cancelled(), 'cancelled() after cancel').toBe(true);
    expect(future.done(), 'done() after cancel').toBe(true);
  });

  test('after cancel(msg), result() and exception() throw a CancelledError carrying msg', points(2, CANCEL_MESSAGE), () => {
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

  test('after cancel() without a message, result(), exception() and await give the default message of CancelledError', points(2, DEFAULT_MESSAGE), async () => {
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

  test('cancel("") keeps the empty message: result(), exception() and await give a CancelledError with message ""', points(2, DEFAULT_MESSAGE), async () => {
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

  test('a second cancel returns false', points(1, CANCEL_WHEN_DONE), () => {
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

  test('cancel on a finished future returns false and changes nothing', points(2, CANCEL_WHEN_DONE), () => {
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

  test('setResult and setException after cancel throw InvalidStateError', points(2, SETTLES_ONCE), () => {
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
  test('callbacks are not called while the future is pending, however much time passes', points(1, WAIT_FOR_DONE), async () => {
    const future = new ex.Future<number>();
    let calls = 0;
    future.addDoneCallback(() => calls++);
    await clock.advance(10_000);
    await flushMicrotasks();
    expect(calls, 'calls of a done callback of a future that stays pending').toBe(0);
  });

  test('setResult does not call them synchronously: they run in microtasks right after, before any timer', points(2, AS_MICROTASKS), async () => {
    const future = new ex.Future<number>();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('callback'));
    future.setResult(1);
    events.push('after setResult');
    await flushMicrotasks();
    expectOrder(events, ['after setResult', 'callback'], 'the order things happened in, without moving time');
    expect(clock.timersStarted(), 'timers started to run the callbacks').toBe(0);
  });

  test('callbacks run in the order they were added', points(2, IN_ORDER), async () => {
    const future = new ex.Future<number>();
    const order: number[] = [];
    for (let i = 1; i <= 5; i++) future.addDoneCallback(() => order.push(i));
    future.setResult(0);
    await flushMicrotasks();
    expect(order, 'the callbacks added 1st to 5th, in the order they ran').toEqual([1, 2, 3, 4, 5]);
  });

  test('callbacks are queued inside setResult, setException and cancel: they run before a microtask queued after the call', points(2, QUEUED_IN_THE_CALL), async () => {
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
      expectOrder(events, ['first callback', 'second callback', `a microtask queued right after ${label}`], `the order things ran in after ${label}`);
    }
  });

  test('each callback receives the future itself', points(1, GETS_THE_FUTURE), async () => {
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

  test('callbacks run at the virtual time the future is completed', points(1, AS_MICROTASKS), async () => {
    const future = new ex.Future<string>();
    const times: number[] = [];
    future.addDoneCallback(() => times.push(clock.now()));
    setTimeout(() => future.setResult('late'), 250);
    await clock.advance(249);
    expect(times, 'callback runs before setResult at 250 ms').toEqual([]);
    await clock.advance(1);
    expect(times, 'the virtual times the callback ran at').toEqual([250]);
  });

  test('setException runs the done callbacks too, and not synchronously', points(1, AS_MICROTASKS), async () => {
    const future = new ex.Future<number>();
    const events: unknown[] = [];
    future.addDoneCallback((f) => events.push(f.exception()));
    const error = new Error('failed');
    future.setException(error);
    events.push('after setException');
    await flushMicrotasks();
    expectOrder(events, ['after setException', error], 'the order things happened in (the callback records exception())');
    expect(events[1], 'what exception() returned inside the callback').toBe(error);
  });

  test('cancel runs the done callbacks too, and not synchronously', points(1, AS_MICROTASKS), async () => {
    const future = new ex.Future<number>();
    const events: unknown[] = [];
    future.addDoneCallback((f) => events.push(`callback: cancelled() is ${f.cancelled()}`));
    future.cancel();
    events.push('after cancel');
    await flushMicrotasks();
    expectOrder(events, ['after cancel', 'callback: cancelled() is true'], 'the order things happened in');
  });

  test('a callback added after completion is not called inside addDoneCallback, but in a microtask right after', points(2, LATE_CALLBACK), async () => {
    const future = new ex.Future<number>();
    future.setResult(1);
    await flushMicrotasks();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('callback'));
    events.push('after addDoneCallback');
    await flushMicrotasks();
    expectOrder(events, ['after addDoneCallback', 'callback'], 'the order things happened in, without moving time');
    expect(clock.timersStarted(), 'timers started to run the callback').toBe(0);
  });

  test('a callback added once the future is done is queued inside addDoneCallback: it runs before a microtask queued after it', points(1, LATE_CALLBACK), async () => {
    const future = new ex.Future<number>();
    future.setResult(1);
    await flushMicrotasks();
    const events: string[] = [];
    future.addDoneCallback(() => events.push('late callback'));
    queueMicrotask(() => events.push('a microtask queued right after addDoneCallback'));
    await flushMicrotasks();
    expectOrder(events, ['late callback', 'a microtask queued right after addDoneCallback'], 'the order things ran in');
  });

  test('a callback added long after completion still runs, at the time it is added', points(2, LATE_CALLBACK), async () => {
    const future = new ex.Future<number>();
    setTimeout(() => future.setResult(1), 100);
    await clock.advance(500);
    const times: number[] = [];
    future.addDoneCallback(() => times.push(clock.now()));
    await flushMicrotasks();
    expect(times, 'the virtual times the callback ran at, added at 500 ms to a future done at 100 ms').toEqual([500]);
  });

  test('adding a callback after completion runs only that callback, not the earlier ones again', points(2, EACH_REGISTRATION), async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('early'));
    future.setResult(1);
    await flushMicrotasks();
    future.addDoneCallback(() => calls.push('late'));
    await flushMicrotasks();
    expectOrder(calls, ['early', 'late'], 'the callbacks that ran, in order');
  });

  test('callbacks added after completion run in the order added, after those queued at completion', points(1, LATE_CALLBACK), async () => {
    const future = new ex.Future<number>();
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('a'));
    future.addDoneCallback(() => calls.push('b'));
    future.setResult(1);
    future.addDoneCallback(() => calls.push('c'));
    future.addDoneCallback(() => calls.push('d'));
    await flushMicrotasks();
    expectOrder(calls, ['a', 'b', 'c', 'd'], 'the callbacks that ran, a and b added before setResult, c and d right after it');
  });

  test('the same function added twice runs twice', points(1, EACH_REGISTRATION), async () => {
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

  test('a done callback that throws does not stop the others or change the future, and its error is reported', points(2, CALLBACK_THROWS), async () => {
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
    expectOrder(calls, ['first', 'throwing', 'third'], 'the callbacks that ran, the second one throwing');
    expect(future.result(), 'result() after a callback threw').toBe(7);
    expectOutcome(awaited, { resolved: 7, at: 0 }, 'an await started before setResult', true);
    expect([...uncaught, ...unhandled], `the errors Node reported: the one the callback threw, ${showValue(error)}, once`).toEqual([error]);
  });

  test('removeDoneCallback removes every registration of fn, returns how many, and leaves the others', points(2, REMOVES_ALL), async () => {
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
    expectOrder(calls, ['kept'], 'the callbacks that ran');
  });

  test('removeDoneCallback of a function that was never added returns 0', points(1, REMOVES_ALL), () => {
    const future = new ex.Future<number>();
    future.addDoneCallback(() => undefined);
    expect(future.removeDoneCallback(() => undefined), 'removeDoneCallback of a function never added').toBe(0);
  });

  test('once the future is done, removeDoneCallback returns 0 and the queued callbacks still run', points(1, REMOVE_TOO_LATE), async () => {
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
    expectOrder(calls, ['added before setResult', 'added after setResult'], 'the callbacks that ran');
  });
});

describe('awaiting', () => {
  test('await resolves with the result, at the virtual time setResult is called', points(3, AWAITS), async () => {
    const line = timeline(clock);
    const future = new ex.Future<string>();
    line.start('setTimeout(300)');
    setTimeout(() => {
      line.end('setTimeout(300)');
      future.setResult('ready');
    }, 300);
    const awaited = track(line.run('await future', async () => await future));
    await clock.advance(400);
    line.expect({ 'setTimeout(300)': [0, 300], 'await future': [0, 300] }, 'await future should resume the moment the timer calls setResult, at 300 ms');
    expectOutcome(awaited, { resolved: 'ready', at: 300 }, 'await, at 300 ms');
  });

  test('await rejects with the very error given to setException', points(2, AWAITS), async () => {
    const error = new TypeError('bad input');
    const future = new ex.Future<string>();
    const awaited = track((async () => await future)());
    setTimeout(() => future.setException(error), 100);
    await clock.advance(100);
    expectOutcome(awaited, { rejected: error, at: 100 }, 'await of a future failed at 100 ms');
    expect(awaited.value(), 'the very error given to setException').toBe(error);
  });

  test('awaiting a cancelled future rejects with a CancelledError carrying the message', points(2, CANCEL_MESSAGE), async () => {
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

  test('many awaiters, before and after completion, all get the same value', points(2, AWAITS), async () => {
    const line = timeline(clock);
    const value = { id: 7 };
    const future = new ex.Future<{ id: number }>();
    const early = [track(line.run('await 1', () => future)), track(line.run('await 2', () => future))];
    line.start('setTimeout(100)');
    setTimeout(() => {
      line.end('setTimeout(100)');
      future.setResult(value);
    }, 100);
    await clock.advance(200);
    const late = track(line.run('await 3', () => future));
    await clock.settle();
    line.expect(
      { 'setTimeout(100)': [0, 100], 'await 1': [0, 100], 'await 2': [0, 100], 'await 3': [200, 200] },
      'the two awaits started at 0 ms should resume when the timer calls setResult at 100 ms, and the one started at 200 ms at once',
    );
    for (const awaiter of early) expectOutcome(awaiter, { resolved: value, at: 100 }, 'an await started before setResult at 100 ms');
    expectOutcome(late, { resolved: value, at: 200 }, 'an await started at 200 ms');
    expect(late.value(), 'the very result object').toBe(value);
  });

  test('awaiting a future that is already done gives its outcome at once, without a timer', points(1, AWAITS), async () => {
    const future = new ex.Future<number>();
    future.setResult(5);
    const awaited = track(future);
    await flushMicrotasks();
    expectOutcome(awaited, { resolved: 5, at: 0 }, 'await of a future that already has the result 5');
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });

  test('then returns a real Promise, so calls can be chained', points(1, REAL_PROMISE), async () => {
    const future = new ex.Future<number>();
    const chained = future.then((n) => n + 1);
    expect(chained, 'what then returns').toBeInstanceOf(Promise);
    const result = track(chained.then((n) => n * 10));
    future.setResult(2);
    await flushMicrotasks();
    expectOutcome(result, { resolved: 30, at: 0 }, 'then(n => n + 1).then(n => n * 10) on 2');
  });

  test('then never calls its callbacks synchronously, even when the future is already done', points(2, THEN_NOT_SYNC), async () => {
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
    expect(events, `callbacks called inside then, before it returned: there should be none, but ${inOrder(events)} ran`).toEqual([]);
    await flushMicrotasks();
    expect([...events].sort(), `the callbacks that ran once the microtasks had run, sorted: all three should have, but these did: ${inOrder(events) || 'none'}`).toEqual(
      ['onFulfilled of a future with a result', 'onRejected of a failed future', 'onRejected of a cancelled future'].sort(),
    );
  });

  test('the onRejected of then receives the error and its return value resolves the promise', points(1, REAL_PROMISE), async () => {
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
    expectOutcome(handled, { resolved: 'rejected with the error', at: 0 }, 'then(onFulfilled, onRejected) on a future that fails');
  });

  test('a then without onRejected returns a promise that rejects with the error', points(1, REAL_PROMISE), async () => {
    const error = new Error('passed along');
    const future = new ex.Future<string>();
    const chained = track(future.then((text) => text.length));
    future.setException(error);
    await flushMicrotasks();
    expectOutcome(chained, { rejected: error, at: 0 }, 'then(onFulfilled) on a future that fails');
  });

  test('works wherever a promise does: Promise.all and Promise.race', points(1, REAL_PROMISE), async () => {
    const line = timeline(clock);
    const a = new ex.Future<string>();
    const b = new ex.Future<string>();
    const all = track(line.run('Promise.all', () => Promise.all([a, b])));
    const race = track(line.run('Promise.race', () => Promise.race([a, b])));
    line.start('b: setTimeout(100)');
    line.start('a: setTimeout(200)');
    setTimeout(() => {
      line.end('b: setTimeout(100)');
      b.setResult('b');
    }, 100);
    setTimeout(() => {
      line.end('a: setTimeout(200)');
      a.setResult('a');
    }, 200);
    await clock.advance(300);
    line.expect(
      { 'b: setTimeout(100)': [0, 100], 'a: setTimeout(200)': [0, 200], 'Promise.race': [0, 100], 'Promise.all': [0, 200] },
      'Promise.race should settle when the first future gets its result, at 100 ms, and Promise.all when the last does, at 200 ms',
    );
    expectOutcome(race, { resolved: 'b', at: 100 }, 'Promise.race: b at 100 ms, a at 200 ms');
    expectOutcome(all, { resolved: ['a', 'b'], at: 200 }, 'Promise.all: b at 100 ms, a at 200 ms');
  });
});

describe('unhandled rejections', () => {
  test('a future failed with setException that nobody awaits reports no unhandled rejection', points(3, STAYS_QUIET), async () => {
    const future = new ex.Future<number>();
    future.setException(new Error('nobody asked'));
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled, 'rejections nobody handled').toEqual([]);
    expect(future.done(), 'done() of the failed future').toBe(true);
  });

  test('a cancelled future that nobody awaits reports no unhandled rejection', points(2, STAYS_QUIET), async () => {
    const future = new ex.Future<number>();
    future.cancel('nobody asked');
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled, 'rejections nobody handled').toEqual([]);
  });

  test('a failure awaited only in a later turn is caught there, with no unhandled rejection before', points(2, STAYS_QUIET), async () => {
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

  test('awaiters that catch the error leave no unhandled rejection behind', points(1, STAYS_QUIET), async () => {
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
    expect(messages, 'the messages of the errors the two awaiters caught').toEqual(['handled', 'handled']);
    expect(unhandled, 'rejections nobody handled').toEqual([]);
  });

  test('a then whose promise nobody handles is reported as an unhandled rejection', points(1, THEN_IS_ORDINARY), async () => {
    const error = new Error('nobody handles the promise of this then');
    const future = new ex.Future<number>();
    void future.then((n) => n + 1);
    future.setException(error);
    await flushMicrotasks();
    await realTick();
    await realTick();
    expect(unhandled, `rejections nobody handled: the promise then returned, and only it, should be reported, as ${showValue(error)}`).toEqual([error]);
  });
});
