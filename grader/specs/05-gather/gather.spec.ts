import { describe, expect, test, vi } from 'vitest';
import { captureUnhandledRejections, failLater, later, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/05-gather/gather.ts');

const ex = loadExercise<Module>('05-gather/gather', ['gather']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** A promise that has already rejected with `error`, marked as handled so that only what gather does with it counts. */
function rejectedAlready(error: unknown): Promise<never> {
  const promise = Promise.reject(error);
  promise.catch(() => undefined);
  return promise;
}

/**
 * Work that, like a Python coroutine, starts only when someone calls its `then`: it records the
 * virtual time at which it started and finished, and settles `ms` later (once, however many
 * `then` calls it gets).
 */
function lazyWork<T>(name: string, ms: number, value: T, log: string[], error?: unknown): PromiseLike<T> {
  let running: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      running ??= (async () => {
        log.push(`${name} started@${clock.now()}`);
        await later(ms, undefined);
        log.push(`${name} finished@${clock.now()}`);
        if (error !== undefined) throw error;
        return value;
      })();
      return running.then(onFulfilled, onRejected);
    },
  };
}

async function noUnhandledRejectionsYet(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled).toEqual([]);
}

describe('results and their order', () => {
  test('resolves with the results in argument order, not in the order the items finish', points(3), async () => {
    const gathered = track(ex.gather([later(200, 'a'), later(300, 'b'), later(100, 'c')]));
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ resolved: ['a', 'b', 'c'], at: 300 });
  });

  test('resolves when the slowest item finishes: 200, 500 and 100 ms take 500 ms', points(2), async () => {
    const gathered = track(ex.gather([later(200, 1), later(500, 2), later(100, 3)]));
    await clock.advance(499);
    expect(gathered.state()).toBe('pending');
    await clock.advance(1);
    expect(gathered.outcome()).toEqual({ resolved: [1, 2, 3], at: 500 });
  });

  test('starts every thenable at once: thenables of 200, 300 and 100 ms that start when their then is called take 300 ms, not 600', points(3), async () => {
    const log: string[] = [];
    const gathered = track(ex.gather([lazyWork('a', 200, 'A', log), lazyWork('b', 300, 'B', log), lazyWork('c', 100, 'C', log)]));
    await clock.settle();
    expect(log).toEqual(['a started@0', 'b started@0', 'c started@0']);
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ resolved: ['A', 'B', 'C'], at: 300 });
  });

  test('accepts plain values and keeps them in their places', async () => {
    const shared = { id: 7 };
    const gathered = track(ex.gather([1, later(100, 'b'), shared, undefined]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ resolved: [1, 'b', shared, undefined], at: 100 });
    expect((gathered.value() as unknown[])[2]).toBe(shared);
  });

  test('an empty array resolves to [] at once, without a timer', async () => {
    const gathering = ex.gather([]);
    expect(gathering).toBeInstanceOf(Promise);
    const gathered = track(gathering);
    expect(clock.pendingTimers()).toBe(0);
    await clock.settle();
    expect(gathered.outcome()).toEqual({ resolved: [], at: 0 });
  });

  test('items that are all ready resolve at time 0, without a timer of its own', async () => {
    const gathered = track(ex.gather([Promise.resolve('x'), 'y', Promise.resolve('z')]));
    expect(clock.pendingTimers()).toBe(0);
    await clock.settle();
    expect(gathered.outcome()).toEqual({ resolved: ['x', 'y', 'z'], at: 0 });
  });

  test('the same promise passed twice gives its value in both places', async () => {
    const twice = later(100, 'same');
    const gathered = track(ex.gather([twice, later(50, 'other'), twice]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ resolved: ['same', 'other', 'same'], at: 100 });
  });
});

describe('a failure, without returnExceptions', () => {
  test('rejects with the first error to happen, at the moment it happens, not with the first failing argument', points(3), async () => {
    const early = new Error('fails at 100 ms');
    const late = new Error('fails at 200 ms');
    const gathered = track(ex.gather([later(300, 'a'), failLater(200, late), failLater(100, early)]));
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ rejected: early, at: 100 });
    expect(gathered.value()).toBe(early);
  });

  test('rejects without waiting for the others: a failure at 100 ms beside a 1000 ms item rejects at 100 ms', points(2), async () => {
    const error = new Error('boom');
    const gathered = track(ex.gather([failLater(100, error), later(1000, 'slow')]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ rejected: error, at: 100 });
  });

  test('rejects with a value that is not an Error, unchanged', async () => {
    const gathered = track(ex.gather([later(100, 'a'), failLater(50, 'just a string')]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ rejected: 'just a string', at: 50 });
  });

  test('an already-rejected promise rejects it at once', async () => {
    const error = new TypeError('rejected before the call');
    const gathered = track(ex.gather([later(100, 'a'), rejectedAlready(error)]));
    await clock.settle();
    expect(gathered.outcome()).toEqual({ rejected: error, at: 0 });
  });

  test('does not stop the others: thenables it started run to the end after the failure', points(2), async () => {
    const log: string[] = [];
    const error = new Error('first one fails');
    const gathered = track(ex.gather([lazyWork('fails', 100, 'x', log, error), lazyWork('slow', 300, 'y', log)]));
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ rejected: error, at: 100 });
    expect(log).toEqual(['fails started@0', 'slow started@0', 'fails finished@100', 'slow finished@300']);
  });

  test('failures after the first are handled: none is reported as an unhandled rejection', points(2), async () => {
    const first = new Error('first');
    const gathered = track(ex.gather([failLater(100, first), failLater(200, new Error('second')), failLater(300, new Error('third'))]));
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ rejected: first, at: 100 });
    await noUnhandledRejectionsYet();
  });
});

describe('returnExceptions: true', () => {
  test('puts each error in its item’s place and resolves with everything in argument order', points(3), async () => {
    const error = new Error('b failed');
    const gathered = track(ex.gather([later(100, 'a'), failLater(200, error), later(300, 'c'), failLater(50, 'd failed')], { returnExceptions: true }));
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ resolved: ['a', error, 'c', 'd failed'], at: 300 });
    expect((gathered.value() as unknown[])[1]).toBe(error);
  });

  test('waits for every item after a failure: resolves when the slowest finishes', points(2), async () => {
    const error = new Error('early failure');
    const gathered = track(ex.gather([failLater(100, error), later(400, 'x')], { returnExceptions: true }));
    await clock.advance(399);
    expect(gathered.state()).toBe('pending');
    await clock.advance(1);
    expect(gathered.outcome()).toEqual({ resolved: [error, 'x'], at: 400 });
  });

  test('never rejects, even when every item fails', async () => {
    const one = new Error('one');
    const two = new RangeError('two');
    const gathered = track(ex.gather([failLater(20, one), failLater(10, two)], { returnExceptions: true }));
    await clock.advance(20);
    expect(gathered.outcome()).toEqual({ resolved: [one, two], at: 20 });
  });

  test('leaves no unhandled rejection behind', async () => {
    const gathered = track(ex.gather([failLater(10, new Error('x')), rejectedAlready(new Error('y')), later(30, 'z')], { returnExceptions: true }));
    await clock.advance(30);
    expect(gathered.state()).toBe('resolved');
    await noUnhandledRejectionsYet();
  });
});

describe('the rule of the exercise', () => {
  test('does not call Promise.all, Promise.allSettled, Promise.any or Promise.race', async () => {
    const spies = [vi.spyOn(Promise, 'all'), vi.spyOn(Promise, 'allSettled'), vi.spyOn(Promise, 'any'), vi.spyOn(Promise, 'race')];
    try {
      const error = new Error('fails');
      const plain = track(ex.gather([later(100, 'a'), 'b']));
      const failing = track(ex.gather([later(100, 'a'), failLater(50, error)]));
      const settled = track(ex.gather([later(100, 'a'), failLater(50, error)], { returnExceptions: true }));
      await clock.advance(100);
      expect([plain.state(), failing.state(), settled.state()]).toEqual(['resolved', 'rejected', 'resolved']);
      expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
