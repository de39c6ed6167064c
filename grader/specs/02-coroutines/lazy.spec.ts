import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, sleep, track, useVirtualTime } from '../../spec-kit/index.ts';

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
  test('lazy(fn) does not call fn', points(2), () => {
    let calls = 0;
    ex.lazy(() => {
      calls++;
      return 1;
    });
    expect(calls).toBe(0);
  });

  test('storing it, passing it around, reading started and letting time pass do not call fn', points(2), async () => {
    const work = slow(100, 'value');
    const stored = { task: ex.lazy(work.fn) };
    const passed = [stored.task, stored.task];
    const readStarted = passed.map((task) => task.started);
    await clock.advance(1000);
    await realTick();
    expect(readStarted).toEqual([false, false]);
    expect(work.calls()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('started is false before the first then and true right after it', points(2), () => {
    const task = ex.lazy(slow(100, 'value').fn);
    expect(task.started).toBe(false);
    void task.then();
    expect(task.started).toBe(true);
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
    expect(events).toEqual(['before then', 'fn runs', 'after then']);
  });

  test('await starts it: awaiting runs fn and gives its value', async () => {
    const work = slow(100, 'value');
    const task = ex.lazy(work.fn);
    const result = track(task);
    await clock.advance(100);
    expect(result.outcome()).toEqual({ resolved: 'value', at: 100 });
    expect(work.calls()).toBe(1);
  });

  test('its time starts when it is first awaited, not when it is created', points(2), async () => {
    const task = ex.lazy(slow(300, 'value').fn);
    await clock.advance(500);
    const result = track(task);
    await clock.advance(299);
    expect(result.outcome()).toBe('pending');
    await clock.advance(1);
    expect(result.outcome()).toEqual({ resolved: 'value', at: 800 });
  });

  test('catch starts it too', async () => {
    const work = slow(10, 'value');
    const task = ex.lazy(work.fn);
    void task.catch(() => undefined);
    expect(work.calls()).toBe(1);
    expect(task.started).toBe(true);
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
    expect(calls).toBe(0);
    expect(unhandled).toEqual([]);
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
    expect(first.outcome()).toEqual({ resolved: value, at: 100 });
    expect(second.outcome()).toEqual({ resolved: value, at: 100 });
    expect(second.value()).toBe(value);
    expect(work.calls()).toBe(1);
  });

  test('two awaits in flight together run fn once, and both get the value when fn finishes', points(3), async () => {
    const work = slow(500, 'shared');
    const task = ex.lazy(work.fn);
    const early = track(task);
    await clock.advance(200);
    const late = track(task);
    await clock.advance(299);
    expect([early.outcome(), late.outcome()]).toEqual(['pending', 'pending']);
    await clock.advance(1);
    expect(early.outcome()).toEqual({ resolved: 'shared', at: 500 });
    expect(late.outcome()).toEqual({ resolved: 'shared', at: 500 });
    expect(work.calls()).toBe(1);
  });

  test('awaiting after fn has finished gives the value at once, without running fn or starting a timer', async () => {
    const work = slow(500, 'done');
    const task = ex.lazy(work.fn);
    const first = track(task);
    await clock.advance(500);
    expect(first.outcome()).toEqual({ resolved: 'done', at: 500 });
    await clock.advance(300);
    const later = track(task);
    await clock.settle();
    expect(later.outcome()).toEqual({ resolved: 'done', at: 800 });
    expect(clock.pendingTimers()).toBe(0);
    expect(work.calls()).toBe(1);
  });

  test('many direct then calls run fn once', async () => {
    let calls = 0;
    const task = ex.lazy(() => ++calls);
    const results = await Promise.all([task.then(), task.then((n) => n * 10), task.then(String), task.catch(() => -1)]);
    expect(results).toEqual([1, 10, '1', 1]);
    expect(calls).toBe(1);
  });

  test('Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all', points(2), async () => {
    const a = slow(300, 'a');
    const b = slow(200, 'b');
    const both = track(Promise.all([ex.lazy(a.fn), ex.lazy(b.fn)]));
    await clock.advance(299);
    expect(both.outcome()).toBe('pending');
    await clock.advance(1);
    expect(both.outcome()).toEqual({ resolved: ['a', 'b'], at: 300 });
    expect([a.calls(), b.calls()]).toEqual([1, 1]);
  });

  test('fn may return a plain value', async () => {
    const task = ex.lazy(() => 'plain');
    const result = track(task);
    await clock.settle();
    expect(result.outcome()).toEqual({ resolved: 'plain', at: 0 });
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
    expect(result.outcome()).toEqual({ resolved: 'from a thenable', at: 50 });
  });

  test('started stays true after fn has finished', async () => {
    const task = ex.lazy(slow(10, 'value').fn);
    const result = track(task);
    await clock.advance(10);
    expect(result.outcome()).toEqual({ resolved: 'value', at: 10 });
    expect(task.started).toBe(true);
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
    expect(first.outcome()).toEqual({ rejected: error, at: 400 });
    expect(second.outcome()).toEqual({ rejected: error, at: 400 });
    expect(first.value()).toBe(error);
    expect(second.value()).toBe(error);
    expect(work.calls()).toBe(1);
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
    expect(again.outcome()).toEqual({ rejected: error, at: 200 });
    expect(again.value()).toBe(error);
    expect(work.calls()).toBe(1);
  });

  test('a synchronous throw from fn becomes a rejection: then does not throw', points(2), async () => {
    const error = new TypeError('thrown at once');
    const task = ex.lazy((): string => {
      throw error;
    });
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = task.then((value) => value);
    }).not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toBe(error);
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
    expect([first.outcome(), second.outcome(), third.outcome()]).toEqual([
      { rejected: error, at: 0 },
      { rejected: error, at: 0 },
      { rejected: error, at: 0 },
    ]);
    for (const awaiter of [first, second, third]) expect(awaiter.value()).toBe(error);
    expect(calls).toBe(1);
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
    await clock.advance(50);
    await Promise.all([first, second]);
    await realTick();
    await realTick();
    expect(messages).toEqual(['caught', 'caught']);
    expect(unhandled).toEqual([]);
  });

  test('catch handles a rejection and resolves with what the handler returns', async () => {
    const error = new Error('handled');
    const task = ex.lazy(failing(10, error).fn);
    const handled = task.catch((reason: unknown) => (reason === error ? 'recovered' : 'wrong error'));
    await clock.advance(10);
    await expect(handled).resolves.toBe('recovered');
  });

  test('started stays true after fn has failed', async () => {
    const error = new Error('x');
    const task = ex.lazy(failing(10, error).fn);
    const result = track(task);
    await clock.advance(10);
    expect(result.outcome()).toEqual({ rejected: error, at: 10 });
    expect(task.started).toBe(true);
  });
});

describe('then', () => {
  test('then returns a real Promise, so calls can be chained', points(2), async () => {
    const task = ex.lazy(slow(10, 2).fn);
    const chained = task.then((n) => n + 1);
    expect(chained).toBeInstanceOf(Promise);
    const result = chained.then((n) => n * 10).then(String);
    await clock.advance(10);
    await expect(result).resolves.toBe('30');
  });

  test('then with no callbacks passes the value through', async () => {
    const task = ex.lazy(slow(10, 'through').fn);
    const result = task.then();
    await clock.advance(10);
    await expect(result).resolves.toBe('through');
  });

  test('the onRejected of then receives the error and its return value resolves the promise', async () => {
    const error = new Error('no');
    const task = ex.lazy(failing(10, error).fn);
    const result = task.then(
      () => 'fulfilled',
      (reason: unknown) => (reason === error ? 'rejected with the error' : 'rejected with something else'),
    );
    await clock.advance(10);
    await expect(result).resolves.toBe('rejected with the error');
  });

  test('then never calls its callbacks synchronously, even once the value is ready', async () => {
    const task = ex.lazy(() => 'ready');
    await task;
    const events: string[] = [];
    void task.then(() => events.push('callback'));
    events.push('after then');
    await clock.settle();
    expect(events).toEqual(['after then', 'callback']);
  });
});
