// Hidden spec of gather(items, { returnExceptions }).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. The rule: no Promise.all, Promise.allSettled, Promise.any or Promise.race.
//       - does not call Promise.all, Promise.allSettled, Promise.any or Promise.race
//  2. An item may be a promise, another thenable or a plain value, fulfilled with itself (null,
//     undefined, 0, an object whose then is not a function); a hole in a sparse array is undefined.
//       - accepts plain values and keeps them in their places
//       - null, undefined, 0 and an object whose then is not a function are plain values
//       - a hole in a sparse array counts as undefined
//       - starts every thenable at once: … (a thenable that is not a promise is followed)
//  3. Each item is followed as `await item` would: then called exactly once, only the first
//     callback counts, a then that throws is a rejection, a value that is a thenable is followed.
//       - calls the then of each thenable exactly once
//       - only the first callback a thenable calls counts, however many it calls
//       - a thenable that fulfils with a promise gives that promise's value
//       - a thenable whose then throws rejects the gather with what it threw (never throws)
//       - with returnExceptions, a thenable whose then throws puts what it threw in its place
//  4. Subscribes to every item at once: thenables start right away, the whole takes as long as the
//     slowest item.
//       - starts every thenable at once: thenables of 200, 300 and 100 ms … take 300 ms, not 600
//       - resolves when the slowest item finishes: 200, 500 and 100 ms take 500 ms
//  5. Resolves when the last item has fulfilled, with a new array (items untouched) holding each
//     value in its item's position; falsy values are results; the same promise twice fills both.
//       - resolves with the results in argument order, not in the order the items finish
//       - resolves with a new array and leaves the items array as it was
//       - falsy results (undefined, null, 0, empty string, false) are results like any other
//       - the same promise passed twice gives its value in both places
//  6. An empty array resolves to [] at once, so do items that are all ready; no timer of its own,
//     not even one cleared at once.
//       - an empty array resolves to [] at once, without a timer
//       - items that are all ready resolve at time 0, without starting any timer
//       - starts no timer of its own while it waits, not even one it clears
//  7. Without returnExceptions: rejects with the very error (even undefined) at that moment, without
//     waiting for the others; the first error in time wins, also within one tick.
//       - rejects with the first error to happen, at the moment it happens, not with the first failing argument
//       - rejects without waiting for the others: …
//       - rejects with a value that is not an Error, unchanged
//       - rejects with undefined when an item rejects with undefined
//       - an already-rejected promise rejects it at once
//       - of two items that reject in the same tick, the one that rejects first wins
//  8. It does not stop the others; their later rejections are never reported as unhandled.
//       - does not stop the others: thenables it started run to the end after the failure
//       - failures after the first are handled: none is reported as an unhandled rejection
//  9. With returnExceptions: true, never rejects, waits for every item, each error (whatever it
//     is) in its place.
//       - puts each error in its item’s place and resolves with everything in argument order
//       - waits for every item after a failure: resolves when the slowest finishes
//       - never rejects, even when every item fails
//       - falsy errors (undefined, null, 0) take their item's place too
//       - leaves no unhandled rejection behind
// 10. Always returns a Promise, never throws.
//       - a thenable whose then throws rejects the gather with what it threw (never throws)
//       - an empty array resolves to [] at once, without a timer (instanceof Promise)
import { describe, expect, test, vi } from 'vitest';
import { captureUnhandledRejections, deferred, failLater, later, loadExercise, points, realTick, track, useVirtualTime, noisyThenable, throwingThenable } from '../../spec-kit/index.ts';

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

/** How a tracked gather stands, in words, for failure messages. */
function describeOutcome(tracked: ReturnType<typeof track>): string {
  const outcome = tracked.outcome();
  if (outcome === 'pending') return 'still pending';
  if ('resolved' in outcome) return `resolved at ${outcome.at} ms with ${JSON.stringify(outcome.resolved)}`;
  return `rejected at ${outcome.at} ms with ${String(outcome.rejected)}`;
}

async function noUnhandledRejectionsYet(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled, 'no rejection should be reported as unhandled').toEqual([]);
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
    expect(gathered.state(), 'gather should still be pending at 499 ms').toBe('pending');
    await clock.advance(1);
    expect(gathered.outcome()).toEqual({ resolved: [1, 2, 3], at: 500 });
  });

  test('starts every thenable at once: thenables of 200, 300 and 100 ms that start when their then is called take 300 ms, not 600', points(3), async () => {
    const log: string[] = [];
    const gathered = track(ex.gather([lazyWork('a', 200, 'A', log), lazyWork('b', 300, 'B', log), lazyWork('c', 100, 'C', log)]));
    await clock.settle();
    expect(log, 'every thenable should have started at time 0').toEqual(['a started@0', 'b started@0', 'c started@0']);
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ resolved: ['A', 'B', 'C'], at: 300 });
  });

  test('accepts plain values and keeps them in their places', async () => {
    const shared = { id: 7 };
    const gathered = track(ex.gather([1, later(100, 'b'), shared, undefined]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ resolved: [1, 'b', shared, undefined], at: 100 });
    expect((gathered.value() as unknown[])[2], 'a plain object should be the very object passed in').toBe(shared);
  });

  test('null, undefined, 0 and an object whose then is not a function are plain values', async () => {
    const notThenable = { then: 'not a function' };
    const gathered = track(ex.gather([null, undefined, 0, notThenable, later(50, 'last')]));
    await clock.advance(50);
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ resolved: [null, undefined, 0, notThenable, 'last'], at: 50 });
    expect((gathered.value() as unknown[])[3], 'an object whose then is not a function should come back as itself').toBe(notThenable);
  });

  test('a hole in a sparse array counts as undefined', async () => {
    const sparse: unknown[] = ['a', , later(100, 'c')];
    const gathered = track(ex.gather(sparse));
    await clock.advance(100);
    expect(gathered.state(), `a sparse array [a, <hole>, c] should resolve at 100 ms; gather is ${describeOutcome(gathered)}`).toBe('resolved');
    const result = gathered.value() as unknown[];
    expect([result.length, 1 in result, result[1]], '[length, whether index 1 is filled, its value]').toEqual([3, true, undefined]);
    expect(result).toEqual(['a', undefined, 'c']);
  });

  test('falsy results (undefined, null, 0, empty string, false) are results like any other', async () => {
    const gathered = track(ex.gather([later(10, undefined), later(20, null), later(30, 0), later(40, ''), later(50, false)]));
    await clock.advance(49);
    expect(gathered.state(), 'gather should still be pending at 49 ms').toBe('pending');
    await clock.advance(1);
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ resolved: [undefined, null, 0, '', false], at: 50 });
  });

  test('resolves with a new array and leaves the items array as it was', async () => {
    const first = later(100, 'a');
    const items = [first, 'b'];
    const gathered = track(ex.gather(items));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ resolved: ['a', 'b'], at: 100 });
    expect(gathered.value() === items, 'gather should resolve with a new array, not the items array').toBe(false);
    expect(items.length, 'the items array should keep its length').toBe(2);
    expect(items[0] === first && items[1] === 'b', 'the items array should still hold the items passed in').toBe(true);
  });

  test('an empty array resolves to [] at once, without a timer', async () => {
    const gathering = ex.gather([]);
    expect(gathering, 'gather should return a Promise').toBeInstanceOf(Promise);
    const gathered = track(gathering);
    await clock.settle();
    expect(gathered.outcome()).toEqual({ resolved: [], at: 0 });
    expect(clock.timersStarted(), 'timers started by gather([])').toBe(0);
  });

  test('items that are all ready resolve at time 0, without starting any timer', async () => {
    const gathered = track(ex.gather([Promise.resolve('x'), 'y', Promise.resolve('z')]));
    await clock.settle();
    expect(gathered.outcome()).toEqual({ resolved: ['x', 'y', 'z'], at: 0 });
    expect(clock.timersStarted(), 'timers started by a gather of ready items').toBe(0);
  });

  test('starts no timer of its own while it waits, not even one it clears', async () => {
    const items = [later(100, 'a'), later(200, 'b'), failLater(50, new Error('x'))];
    const before = clock.timersStarted();
    const plain = track(ex.gather(items.slice(0, 2)));
    const failing = track(ex.gather(items));
    const kept = track(ex.gather(items, { returnExceptions: true }));
    await clock.advance(200);
    expect([plain.state(), failing.state(), kept.state()]).toEqual(['resolved', 'rejected', 'resolved']);
    expect(clock.timersStarted() - before, 'timers started by gather itself').toBe(0);
  });

  test('the same promise passed twice gives its value in both places', async () => {
    const twice = later(100, 'same');
    const gathered = track(ex.gather([twice, later(50, 'other'), twice]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ resolved: ['same', 'other', 'same'], at: 100 });
  });
});

describe('thenables, followed as await would', () => {
  test('calls the then of each thenable exactly once', async () => {
    let calls = 0;
    const thenable: PromiseLike<string> = {
      then(onFulfilled, onRejected) {
        calls++;
        return later(100, 'x').then(onFulfilled, onRejected);
      },
    };
    const gathered = track(ex.gather([thenable, later(50, 'y')]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ resolved: ['x', 'y'], at: 100 });
    expect(calls, 'the thenable\'s then should be called exactly once').toBe(1);
  });

  test('only the first callback a thenable calls counts, however many it calls', async () => {
    const noisy = noisyThenable('first', 'second');
    const failing = track(ex.gather([noisy, later(100, 'b')]));
    const kept = track(ex.gather([noisy, later(100, 'b')], { returnExceptions: true }));
    await clock.advance(99);
    expect(failing.state(), `a noisy thenable must count once: gather should wait for the 100 ms item, but is ${describeOutcome(failing)} at 99 ms`).toBe('pending');
    await clock.advance(1);
    expect(failing.outcome(), 'without returnExceptions').toEqual({ resolved: ['first', 'b'], at: 100 });
    expect(kept.outcome(), 'with returnExceptions').toEqual({ resolved: ['first', 'b'], at: 100 });
  });

  test('a thenable that fulfils with a promise gives that promise\'s value', async () => {
    const wrapper: PromiseLike<string> = {
      then(onFulfilled) {
        onFulfilled?.(later(100, 'inner') as never);
        return Promise.resolve() as never;
      },
    };
    const gathered = track(ex.gather([wrapper, 'b']));
    await clock.advance(100);
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ resolved: ['inner', 'b'], at: 100 });
  });

  test('a thenable whose then throws rejects the gather with what it threw, and gather never throws', points(2), async () => {
    const error = new Error('then threw');
    const broken = throwingThenable(error);
    let returned: unknown;
    expect(() => {
      returned = ex.gather([later(100, 'a'), broken]);
    }, 'gather should return a promise, not throw').not.toThrow();
    expect(returned, 'gather should return a Promise').toBeInstanceOf(Promise);
    const gathered = track(returned as Promise<unknown>);
    await clock.settle();
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ rejected: error, at: 0 });
    expect(gathered.value()).toBe(error);
  });

  test('with returnExceptions, a thenable whose then throws puts what it threw in its place', async () => {
    const error = new Error('then threw');
    const broken = throwingThenable(error);
    let returned: unknown;
    expect(() => {
      returned = ex.gather([later(100, 'a'), broken], { returnExceptions: true });
    }, 'gather should return a promise, not throw').not.toThrow();
    const gathered = track(returned as Promise<unknown>);
    await clock.advance(100);
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ resolved: ['a', error], at: 100 });
  });
});

describe('a failure, without returnExceptions', () => {
  test('rejects with the first error to happen, at the moment it happens, not with the first failing argument', points(3), async () => {
    const early = new Error('fails at 100 ms');
    const late = new Error('fails at 200 ms');
    const gathered = track(ex.gather([later(300, 'a'), failLater(200, late), failLater(100, early)]));
    await clock.advance(300);
    expect(gathered.outcome()).toEqual({ rejected: early, at: 100 });
    expect(gathered.value(), 'gather should reject with the very error object').toBe(early);
  });

  test('rejects without waiting for the others: a failure at 100 ms beside a 1000 ms item rejects at 100 ms', points(2), async () => {
    const error = new Error('boom');
    const gathered = track(ex.gather([failLater(100, error), later(1000, 'slow')]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ rejected: error, at: 100 });
  });

  test('of two items that reject in the same tick, the one that rejects first wins', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const firstError = new Error('first argument, rejects second');
    const secondError = new Error('second argument, rejects first');
    const gathered = track(ex.gather([first.promise, second.promise]));
    await clock.settle();
    second.reject(secondError);
    first.reject(firstError);
    await clock.settle();
    expect(gathered.outcome(), 'the error that happened first in time should win').toEqual({ rejected: secondError, at: 0 });
  });

  test('rejects with a value that is not an Error, unchanged', async () => {
    const gathered = track(ex.gather([later(100, 'a'), failLater(50, 'just a string')]));
    await clock.advance(100);
    expect(gathered.outcome()).toEqual({ rejected: 'just a string', at: 50 });
  });

  test('rejects with undefined when an item rejects with undefined', async () => {
    const gathered = track(ex.gather([later(100, 'a'), failLater(50, undefined)]));
    await clock.advance(100);
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ rejected: undefined, at: 50 });
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
    expect((gathered.value() as unknown[])[1], 'the error in place should be the very error object').toBe(error);
  });

  test('waits for every item after a failure: resolves when the slowest finishes', points(2), async () => {
    const error = new Error('early failure');
    const gathered = track(ex.gather([failLater(100, error), later(400, 'x')], { returnExceptions: true }));
    await clock.advance(399);
    expect(gathered.state(), 'gather should still be pending at 399 ms').toBe('pending');
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

  test('falsy errors (undefined, null, 0) take their item\'s place too', async () => {
    const gathered = track(ex.gather([failLater(10, undefined), failLater(20, null), failLater(30, 0), later(40, 'last')], { returnExceptions: true }));
    await clock.advance(40);
    expect(gathered.outcome(), `gather is ${describeOutcome(gathered)}`).toEqual({ resolved: [undefined, null, 0, 'last'], at: 40 });
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
      const calls = Object.fromEntries(['all', 'allSettled', 'any', 'race'].map((name, i) => [name, spies[i]!.mock.calls.length]));
      expect(calls, 'calls to the Promise combinators').toEqual({ all: 0, allSettled: 0, any: 0, race: 0 });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
