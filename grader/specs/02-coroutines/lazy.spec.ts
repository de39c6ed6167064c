// Hidden spec of 02-coroutines/lazy.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. `lazy(fn)` does not call `fn` and starts nothing (no timer).
//       - lazy(fn) does not call fn and starts no timer
//  2. Neither does storing the `Lazy`, passing it around, reading `started` or letting time pass.
//       - storing it, passing it around, reading started and letting time pass do not call fn
//       - its time starts when it is first awaited, not when it is created
//  3. A `Lazy` that nobody awaits never calls `fn`, so it never causes an unhandled rejection.
//       - a Lazy of a failing fn that nobody awaits never runs fn and reports no unhandled rejection
//  4. The first `then` (or `catch`) calls `fn` synchronously, before that call returns.
//       - the first then calls fn synchronously, before it returns
//       - catch starts it too, synchronously
//       - await starts it: awaiting runs fn and gives its value
//  5. `started`: false until the first `then`/`catch`, true from that call on, for good: already
//     while `fn` runs, and after it has finished or failed.
//       - started is false before the first then and true right after it
//       - started is already true while fn runs inside the first then
//       - catch starts it too, synchronously
//       - started stays true after fn has finished
//       - started stays true after fn has failed
//  6. `fn` is called at most once; every `then`/`catch`/`await` sees the same outcome, after `fn`
//     has finished, while its promise is pending, and from inside `fn` itself.
//       - awaiting twice in a row runs fn once and gives the same value
//       - two awaits in flight together run fn once, and both get the value when fn finishes
//       - awaiting after fn has finished gives the value at once, without running fn or starting a timer
//       - many direct then calls run fn once
//       - a then called from inside fn itself does not call fn again and gets the same outcome
//       - Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all
//  7. A failure is kept, not retried; a value is kept too, even `undefined`.
//       - a rejection reaches every awaiter with the same error object, and fn runs once
//       - a failure is kept, not retried: awaiting again later rejects with the same error without running fn
//       - a value of undefined, null or 0 is kept too: fn runs once
//  8. `fn` may return any value, a promise or any other thenable: the outcome is what it settles to,
//     as with `Promise.resolve`.
//       - fn may return a plain value
//       - fn may return a thenable that is not a Promise
//       - a thenable whose then throws gives a rejection with what it threw
//       - (a promise: every test built on slow() and failing())
//  9. A synchronous throw from `fn` becomes a rejection with exactly what it threw; `then` does not throw.
//       - a synchronous throw from fn becomes a rejection: then does not throw
//       - after a synchronous throw, every await rejects with the same error and fn is not called again
//       - a synchronous throw of a value that is not an Error rejects with exactly that value: a string, undefined
// 10. `then` and `catch` return real Promises; a Lazy works with await, Promise.all, race, resolve.
//       - then returns a real Promise, so calls can be chained
//       - catch returns a real Promise that resolves with what the handler returns
//       - works wherever a promise does: Promise.race and Promise.resolve
//       - Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all
// 11. `then` settles as `promise.then(onFulfilled, onRejected)` would on the outcome.
//       - then with no callbacks passes the value through
//       - the onRejected of then receives the error and its return value resolves the promise
//       - an onFulfilled that throws rejects the promise then returned, with what it threw
//       - catch returns a real Promise that resolves with what the handler returns
// 12. `then` never calls `onFulfilled` or `onRejected` synchronously.
//       - then never calls its callbacks synchronously, even once the value or the error is ready
// 13. The only promises that can reject are those `then` and `catch` return: handled, nothing is reported.
//       - rejections that are caught leave no unhandled rejection behind
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, sleep, track, useVirtualTime, inOrder } from '../../spec-kit/index.ts';

type Module = typeof import('@target/02-coroutines/lazy.ts');

const ex = loadExercise<Module>('02-coroutines/lazy', ['lazy']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** A function that counts its calls and answers `value` after `ms` of virtual time. */
function slow<T>(ms: number, value: T): { fn: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    fn: async () => {
      calls++;
      await sleep(ms);
      return value;
    },
    calls: () => calls,
  };
}

/** A function that counts its calls and rejects with `error` after `ms` of virtual time. */
function failing(ms: number, error: unknown): { fn: () => Promise<never>; calls: () => number } {
  let calls = 0;
  return {
    fn: async () => {
      calls++;
      await sleep(ms);
      throw error;
    },
    calls: () => calls,
  };
}

describe('not starting early', () => {
  test('lazy(fn) does not call fn and starts no timer', points(2), () => {
    let calls = 0;
    ex.lazy(() => {
      calls++;
      return 1;
    });
    expect(calls, 'calls of fn made by lazy(fn)').toBe(0);
    expect(clock.timersStarted(), 'timers started by lazy(fn)').toBe(0);
  });

  test('storing it, passing it around, reading started and letting time pass do not call fn', points(2), async () => {
    const work = slow(100, 'value');
    const stored = { task: ex.lazy(work.fn) };
    const passed = [stored.task, stored.task];
    const readStarted = passed.map((task) => task.started);
    await clock.advance(1000);
    await realTick();
    expect(readStarted, 'started, read before any then').toEqual([false, false]);
    expect(work.calls(), 'calls of fn after 1000 ms without any then').toBe(0);
    expect(clock.timersStarted(), 'timers started without any then').toBe(0);
  });

  test('started is false before the first then and true right after it', points(2), () => {
    const task = ex.lazy(slow(100, 'value').fn);
    expect(task.started, 'started before any then').toBe(false);
    void task.then();
    expect(task.started, 'started right after the first then').toBe(true);
  });

  test('started is already true while fn runs inside the first then', points(2), async () => {
    const seen: boolean[] = [];
    const task = ex.lazy(() => {
      seen.push(task.started);
      return 'value';
    });
    const result = track(task.then((value) => value));
    await clock.settle();
    expect(seen, 'the value of started that fn read while it ran').toEqual([true]);
    expect(result.outcome()).toEqual({ resolved: 'value', at: 0 });
  });

  test('the first then calls fn synchronously, before it returns', points(2), () => {
    const events: string[] = [];
    const task = ex.lazy(() => {
      events.push('fn runs');
      return 'value';
    });
    events.push('before then');
    void task.then(() => undefined);
    events.push('after then');
    expect(inOrder(events), 'fn should run inside the first then call').toBe(inOrder(['before then', 'fn runs', 'after then']));
  });

  test('await starts it: awaiting runs fn and gives its value', async () => {
    const work = slow(100, 'value');
    const task = ex.lazy(work.fn);
    const result = track(task);
    await clock.advance(100);
    expect(result.outcome(), 'await lazy(fn that answers "value" after 100 ms)').toEqual({ resolved: 'value', at: 100 });
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('its time starts when it is first awaited, not when it is created', points(2), async () => {
    const task = ex.lazy(slow(300, 'value').fn);
    await clock.advance(500);
    const result = track(task);
    await clock.advance(299);
    expect(result.outcome(), 'created at 0, awaited at 500, fn takes 300 ms: at 799 ms').toBe('pending');
    await clock.advance(1);
    expect(result.outcome(), 'created at 0, awaited at 500, fn takes 300 ms: at 800 ms').toEqual({ resolved: 'value', at: 800 });
  });

  test('catch starts it too, synchronously', async () => {
    const work = slow(10, 'value');
    const task = ex.lazy(work.fn);
    void task.catch(() => undefined);
    expect(work.calls(), 'calls of fn right after the first catch').toBe(1);
    expect(task.started, 'started right after the first catch').toBe(true);
  });

  test('a Lazy of a failing fn that nobody awaits never runs fn and reports no unhandled rejection', points(2), async () => {
    let calls = 0;
    ex.lazy(() => {
      calls++;
      throw new Error('never seen');
    });
    ex.lazy(async () => {
      calls++;
      throw new Error('never seen either');
    });
    await clock.runAll();
    await realTick();
    await realTick();
    expect(calls, 'calls of fn without any then').toBe(0);
    expect(unhandled, 'rejections nobody handled').toEqual([]);
  });
});

describe('running once', () => {
  test('awaiting twice in a row runs fn once and gives the same value', points(2), async () => {
    const value = { answer: 42 };
    const work = slow(100, value);
    const task = ex.lazy(work.fn);
    const first = track(task);
    await clock.advance(100);
    const second = track(task);
    await clock.settle();
    expect(first.outcome(), 'the first await').toEqual({ resolved: value, at: 100 });
    expect(second.outcome(), 'the second await, once fn has finished').toEqual({ resolved: value, at: 100 });
    expect(second.value(), 'the very object fn gave').toBe(value);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('two awaits in flight together run fn once, and both get the value when fn finishes', points(3), async () => {
    const work = slow(500, 'shared');
    const task = ex.lazy(work.fn);
    const early = track(task);
    await clock.advance(200);
    const late = track(task);
    await clock.advance(299);
    expect([early.outcome(), late.outcome()], 'awaited at 0 and at 200, fn takes 500 ms: at 499 ms').toEqual(['pending', 'pending']);
    await clock.advance(1);
    expect(early.outcome(), 'awaited at 0').toEqual({ resolved: 'shared', at: 500 });
    expect(late.outcome(), 'awaited at 200, while fn was still running').toEqual({ resolved: 'shared', at: 500 });
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('awaiting after fn has finished gives the value at once, without running fn or starting a timer', async () => {
    const work = slow(500, 'done');
    const task = ex.lazy(work.fn);
    const first = track(task);
    await clock.advance(500);
    expect(first.outcome()).toEqual({ resolved: 'done', at: 500 });
    await clock.advance(300);
    const timersBefore = clock.timersStarted();
    const later = track(task);
    await clock.settle();
    expect(later.outcome(), 'awaited at 800, long after fn finished').toEqual({ resolved: 'done', at: 800 });
    expect(clock.timersStarted() - timersBefore, 'timers started by the late await').toBe(0);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('many direct then calls run fn once', async () => {
    let calls = 0;
    const task = ex.lazy(() => ++calls);
    const results = track(Promise.all([task.then(), task.then((n) => n * 10), task.then(String), task.catch(() => -1)]));
    await clock.settle();
    expect(results.outcome(), 'then(), then(n => n * 10), then(String), catch(() => -1)').toEqual({ resolved: [1, 10, '1', 1], at: 0 });
    expect(calls, 'calls of fn').toBe(1);
  });

  test('a then called from inside fn itself does not call fn again and gets the same outcome', points(2), async () => {
    let calls = 0;
    let inner: Promise<string> | undefined;
    const task = ex.lazy((): string => {
      calls++;
      if (calls > 3) throw new Error('fn was called again and again');
      inner ??= task.then((value) => `inner saw ${value}`);
      return `value ${calls}`;
    });
    const outer = track(task.then((value) => `outer saw ${value}`));
    await clock.settle();
    expect(calls, 'calls of fn, when fn itself calls then on its own Lazy').toBe(1);
    expect(outer.outcome()).toEqual({ resolved: 'outer saw value 1', at: 0 });
    const innerOutcome = track(inner!);
    await clock.settle();
    expect(innerOutcome.outcome(), 'the then called from inside fn').toEqual({ resolved: 'inner saw value 1', at: 0 });
  });

  test('Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all', points(2), async () => {
    const a = slow(300, 'a');
    const b = slow(200, 'b');
    const both = track(Promise.all([ex.lazy(a.fn), ex.lazy(b.fn)]));
    await clock.advance(299);
    expect(both.outcome(), 'at 299 ms').toBe('pending');
    await clock.advance(1);
    expect(both.outcome(), 'at 300 ms').toEqual({ resolved: ['a', 'b'], at: 300 });
    expect([a.calls(), b.calls()], 'calls of each fn').toEqual([1, 1]);
  });

  test('a value of undefined, null or 0 is kept too: fn runs once', points(2), async () => {
    for (const value of [undefined, null, 0]) {
      let calls = 0;
      const task = ex.lazy(async () => {
        calls++;
        await sleep(10);
        return value;
      });
      const first = track(task);
      await clock.advance(10);
      const second = track(task);
      await clock.advance(10);
      expect(first.state(), `the first await of a fn that gives ${String(value)}`).toBe('resolved');
      expect(second.state(), `the second await of a fn that gives ${String(value)}`).toBe('resolved');
      expect(second.value(), `the second await of a fn that gives ${String(value)}`).toBe(value);
      expect(calls, `calls of a fn that gives ${String(value)}, awaited twice`).toBe(1);
    }
  });

  test('fn may return a plain value', async () => {
    const task = ex.lazy(() => 'plain');
    const result = track(task);
    await clock.settle();
    expect(result.outcome(), 'lazy(() => "plain")').toEqual({ resolved: 'plain', at: 0 });
  });

  test('fn may return a thenable that is not a Promise', async () => {
    const thenable: PromiseLike<string> = {
      then(onFulfilled) {
        setTimeout(() => onFulfilled?.('from a thenable'), 50);
        return Promise.resolve() as never;
      },
    };
    const result = track(ex.lazy(() => thenable));
    await clock.advance(50);
    expect(result.outcome(), 'lazy(() => a thenable that fulfils with "from a thenable" at 50 ms)').toEqual({ resolved: 'from a thenable', at: 50 });
  });

  test('a thenable whose then throws gives a rejection with what it threw', async () => {
    const error = new Error('then is broken');
    const broken: PromiseLike<string> = {
      then() {
        throw error;
      },
    };
    const task = ex.lazy(() => broken);
    let result: Promise<string> | undefined;
    expect(() => {
      result = task.then((value) => value);
    }, 'then should not throw').not.toThrow();
    const outcome = track(result!);
    await clock.settle();
    expect(outcome.outcome(), 'lazy(() => a thenable whose then throws)').toEqual({ rejected: error, at: 0 });
  });

  test('started stays true after fn has finished', async () => {
    const task = ex.lazy(slow(10, 'value').fn);
    const result = track(task);
    await clock.advance(10);
    expect(result.outcome()).toEqual({ resolved: 'value', at: 10 });
    expect(task.started, 'started once fn has finished').toBe(true);
  });
});

describe('failures', () => {
  test('a rejection reaches every awaiter with the same error object, and fn runs once', points(3), async () => {
    const error = new Error('boom');
    const work = failing(400, error);
    const task = ex.lazy(work.fn);
    const first = track(task);
    await clock.advance(100);
    const second = track(task);
    await clock.advance(300);
    expect(first.outcome(), 'awaited at 0, fn fails at 400 ms').toEqual({ rejected: error, at: 400 });
    expect(second.outcome(), 'awaited at 100, while fn was running').toEqual({ rejected: error, at: 400 });
    expect(first.value(), 'the very error fn failed with').toBe(error);
    expect(second.value(), 'the very error fn failed with').toBe(error);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('a failure is kept, not retried: awaiting again later rejects with the same error without running fn', points(2), async () => {
    const error = new Error('boom');
    const work = failing(100, error);
    const task = ex.lazy(work.fn);
    const first = track(task);
    await clock.advance(100);
    expect(first.outcome()).toEqual({ rejected: error, at: 100 });
    await clock.advance(100);
    const again = track(task);
    await clock.advance(100);
    expect(again.outcome(), 'awaited again at 200, after fn had failed at 100').toEqual({ rejected: error, at: 200 });
    expect(again.value(), 'the very error fn failed with').toBe(error);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('a synchronous throw from fn becomes a rejection: then does not throw', points(2), async () => {
    const error = new TypeError('thrown at once');
    const task = ex.lazy((): string => {
      throw error;
    });
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = task.then((value) => value);
    }, 'then should not throw when fn throws').not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    const outcome = track(result!);
    await clock.settle();
    expect(outcome.outcome(), 'the promise then returned').toEqual({ rejected: error, at: 0 });
  });

  test('a synchronous throw of a value that is not an Error rejects with exactly that value: a string, undefined', points(2), async () => {
    for (const thrown of ['a string', undefined]) {
      const task = ex.lazy((): string => {
        throw thrown;
      });
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = task.then((value) => value);
      }, `then should not throw when fn throws ${String(thrown)}`).not.toThrow();
      const outcome = track(result!);
      await clock.settle();
      expect(outcome.state(), `fn throws ${String(thrown)}`).toBe('rejected');
      expect(outcome.value(), `fn throws ${String(thrown)}: the rejection should be with exactly that`).toBe(thrown);
    }
  });

  test('after a synchronous throw, every await rejects with the same error and fn is not called again', async () => {
    let calls = 0;
    const error = new RangeError('thrown at once');
    const task = ex.lazy((): number => {
      calls++;
      throw error;
    });
    const first = track(task);
    const second = track(task);
    await clock.settle();
    const third = track(task);
    await clock.settle();
    expect([first.outcome(), second.outcome(), third.outcome()], 'three awaits').toEqual([
      { rejected: error, at: 0 },
      { rejected: error, at: 0 },
      { rejected: error, at: 0 },
    ]);
    for (const awaiter of [first, second, third]) expect(awaiter.value(), 'the very error fn threw').toBe(error);
    expect(calls, 'calls of fn').toBe(1);
  });

  test('rejections that are caught leave no unhandled rejection behind', points(2), async () => {
    const task = ex.lazy(failing(50, new Error('caught')).fn);
    const messages: string[] = [];
    const first = (async () => {
      try {
        await task;
      } catch (error) {
        messages.push((error as Error).message);
      }
    })();
    const second = task.then(undefined, (error: unknown) => messages.push((error as Error).message));
    const third = task.catch((error: unknown) => messages.push((error as Error).message));
    const all = track(Promise.all([first, second, third]));
    await clock.advance(50);
    await realTick();
    await realTick();
    expect(all.state(), 'three awaiters that each handle the error').toBe('resolved');
    expect(messages).toEqual(['caught', 'caught', 'caught']);
    expect(unhandled, 'rejections nobody handled').toEqual([]);
  });

  test('catch returns a real Promise that resolves with what the handler returns', async () => {
    const error = new Error('handled');
    const task = ex.lazy(failing(10, error).fn);
    const handled = task.catch((reason: unknown) => (reason === error ? 'recovered' : 'wrong error'));
    expect(handled, 'what catch returns').toBeInstanceOf(Promise);
    const outcome = track(handled);
    await clock.advance(10);
    expect(outcome.outcome(), 'catch(handler) on a fn that fails at 10 ms').toEqual({ resolved: 'recovered', at: 10 });
  });

  test('started stays true after fn has failed', async () => {
    const error = new Error('x');
    const task = ex.lazy(failing(10, error).fn);
    const result = track(task);
    await clock.advance(10);
    expect(result.outcome()).toEqual({ rejected: error, at: 10 });
    expect(task.started, 'started once fn has failed').toBe(true);
  });
});

describe('then', () => {
  test('then returns a real Promise, so calls can be chained', points(2), async () => {
    const task = ex.lazy(slow(10, 2).fn);
    const chained = task.then((n) => n + 1);
    expect(chained, 'what then returns').toBeInstanceOf(Promise);
    const result = track(chained.then((n) => n * 10).then(String));
    await clock.advance(10);
    expect(result.outcome(), 'then(n => n + 1).then(n => n * 10).then(String) on 2').toEqual({ resolved: '30', at: 10 });
  });

  test('then with no callbacks passes the value through', async () => {
    const task = ex.lazy(slow(10, 'through').fn);
    const result = track(task.then());
    await clock.advance(10);
    expect(result.outcome(), 'then()').toEqual({ resolved: 'through', at: 10 });
  });

  test('the onRejected of then receives the error and its return value resolves the promise', async () => {
    const error = new Error('no');
    const task = ex.lazy(failing(10, error).fn);
    const result = track(
      task.then(
        () => 'fulfilled',
        (reason: unknown) => (reason === error ? 'rejected with the error' : 'rejected with something else'),
      ),
    );
    await clock.advance(10);
    expect(result.outcome(), 'then(onFulfilled, onRejected) on a fn that fails').toEqual({ resolved: 'rejected with the error', at: 10 });
  });

  test('an onFulfilled that throws rejects the promise then returned, with what it threw', async () => {
    const error = new Error('thrown by onFulfilled');
    const task = ex.lazy(() => 'value');
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = task.then(() => {
        throw error;
      });
    }, 'then should not throw').not.toThrow();
    const outcome = track(result!);
    await clock.settle();
    expect(outcome.outcome(), 'then(a callback that throws)').toEqual({ rejected: error, at: 0 });
  });

  test('then never calls its callbacks synchronously, even once the value or the error is ready', points(2), async () => {
    const ready = ex.lazy(() => 'ready');
    const failed = ex.lazy((): string => {
      throw new Error('failed at once');
    });
    await clock.settle();
    const events: string[] = [];
    void ready.then(() => events.push('onFulfilled of the first then'));
    void failed.then(undefined, () => events.push('onRejected of the first then'));
    expect(events, 'callbacks called inside the first then of each, once fn has returned or thrown').toEqual([]);
    await clock.settle();
    void ready.then(() => events.push('onFulfilled of a later then'));
    void failed.then(undefined, () => events.push('onRejected of a later then'));
    void failed.catch(() => events.push('handler of a later catch'));
    expect(events.slice(2), 'callbacks called inside a later then or catch, once the outcome is known').toEqual([]);
    await clock.settle();
    expect([...events].sort(), 'every callback should still run, in a microtask').toEqual(
      [
        'onFulfilled of the first then',
        'onRejected of the first then',
        'onFulfilled of a later then',
        'onRejected of a later then',
        'handler of a later catch',
      ].sort(),
    );
  });

  test('works wherever a promise does: Promise.race and Promise.resolve', async () => {
    const race = track(Promise.race([ex.lazy(slow(300, 'slow').fn), ex.lazy(slow(100, 'fast').fn)]));
    const resolved = track(Promise.resolve(ex.lazy(slow(50, 'through Promise.resolve').fn)));
    await clock.advance(300);
    expect(race.outcome(), 'Promise.race of 300 ms and 100 ms').toEqual({ resolved: 'fast', at: 100 });
    expect(resolved.outcome(), 'Promise.resolve(a Lazy of 50 ms)').toEqual({ resolved: 'through Promise.resolve', at: 50 });
  });
});
