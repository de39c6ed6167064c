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
import {
  captureUnhandledRejections,
  deferred,
  describeOutcome,
  failLater,
  later,
  loadExercise,
  type Outcome,
  points,
  realTick,
  show,
  type Timeline,
  timeline,
  type Tracked,
  track,
  useVirtualTime,
  noisyThenable,
  throwingThenable,
} from '../../spec-kit/index.ts';

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
 * Work that, like a Python coroutine, starts only when someone calls its `then`: it is drawn on
 * `line` as the piece `name`, from the first `then` call until it settles, `ms` later (once,
 * however many `then` calls it gets).
 */
function lazyWork<T>(name: string, ms: number, value: T, line: Timeline, error?: unknown): PromiseLike<T> {
  let running: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      running ??= line.run(name, async () => {
        await later(ms, undefined);
        if (error !== undefined) throw error;
        return value;
      });
      return running.then(onFulfilled, onRejected);
    },
  };
}

/**
 * Checks how `tracked` settled, with what and when (as toEqual compares them), and says both
 * outcomes in full: vitest shortens objects and errors.
 */
function expectOutcome(tracked: Tracked<unknown>, expected: Outcome<unknown>, what: string): void {
  const should = expected === 'pending' ? 'should still be pending' : `should have ${describeOutcome(expected)}`;
  expect(tracked.outcome(), `${what} ${should}, but it ${describeOutcome(tracked.outcome())}`).toEqual(expected);
}

/** Checks a list (as toEqual compares them), and says both lists in full: vitest cuts long ones short. */
function expectEvents(actual: readonly unknown[], expected: readonly unknown[], what: string): void {
  expect(actual, `${what}: should be ${show(expected)}, but was ${show(actual)}`).toEqual(expected);
}

// What to look at when a test fails, and the heading of lessons/05-gather.md that teaches it.
const ARGUMENT_ORDER = {
  hint: 'Store each value at its own item\'s index, `results[i] = value`: not with `push`, which gives the order the items finish in, and not at `indexOf(item)`, which is wrong for an item passed twice.',
  section: 'promiseall-is-gather',
} as const;
const ALL_AT_ONCE = {
  hint: 'Subscribe to every item in one loop, before any of them has settled, instead of awaiting them one by one: the whole then takes as long as the slowest item, not the sum.',
  section: 'together-or-one-after-another',
} as const;
const PLAIN_VALUES = {
  hint: 'Let `Promise.resolve(item)` decide what an item is: it takes `null`, `undefined`, `0` and an object whose `then` is not a function as plain values, and follows every real thenable, not only `Promise` instances.',
  section: 'promiseall-is-gather',
} as const;
const HOLES = {
  hint: 'Walk the indexes from 0 to `items.length - 1` with a plain `for` loop: `forEach` and `for … in` skip the holes of a sparse array, and a hole counts as `undefined`.',
  section: 'gather-gather-without-promiseall',
} as const;
const FALSY_RESULTS = {
  hint: 'Count the items still running with a counter instead of looking for `undefined` in the results: `undefined`, `null`, `0`, `\'\'` and `false` are results like any other.',
  section: 'gather-gather-without-promiseall',
} as const;
const NEW_ARRAY = {
  hint: 'Fill a new array of the items\' length, and leave the `items` array exactly as it was.',
  section: 'gather-gather-without-promiseall',
} as const;
const EMPTY = {
  hint: 'With no items, no callback will ever run: resolve `[]` right away, inside the call, and not from a timer.',
  section: 'empty-inputs',
} as const;
const NO_TIMER = {
  hint: '`gather` needs no timer at all: settle only from the callbacks of the items (or at once when there are none), never through `setTimeout` or `setImmediate`.',
  section: 'gather-gather-without-promiseall',
} as const;
const FOLLOWED_AS_AWAIT = {
  hint: 'Subscribe to each item once, through `Promise.resolve(item).then(…)`, rather than calling its `then` yourself: that calls a thenable\'s `then` exactly once, ignores every callback after the first, and follows a value that is itself a thenable.',
  section: 'gather-gather-without-promiseall',
} as const;
const THEN_THROWS = {
  hint: 'Never call a thenable\'s `then` outside a promise: `Promise.resolve(item)` turns a `then` that throws into a rejection like any other, so that `gather` returns a promise instead of throwing.',
  section: 'gather-gather-without-promiseall',
} as const;
const FIRST_IN_TIME = {
  hint: 'Call `reject(error)` straight from the error callback of each item: the first call wins and later ones do nothing, so the first failure in time decides, not the lowest index.',
  section: 'when-one-of-them-fails',
} as const;
const AT_ONCE = {
  hint: 'Reject the moment an item fails, from its error callback, without waiting for the other items to settle.',
  section: 'when-one-of-them-fails',
} as const;
const VERY_ERROR = {
  hint: 'Reject with the very value the item rejected with: no `new Error(…)` around a string, and `undefined` stays `undefined`.',
  section: 'when-one-of-them-fails',
} as const;
const OTHERS_RUN_ON = {
  hint: 'A failure stops nothing: every item was started at the beginning, so the others run to their end, and their results are dropped.',
  section: 'when-one-of-them-fails',
} as const;
const LATER_FAILURES = {
  hint: 'Give every item an error callback that records or rejects and never throws again: a failure after the first is then handled, and simply dropped.',
  section: 'when-one-of-them-fails',
} as const;
const KEEPS_ERRORS = {
  hint: 'With `returnExceptions`, the error callback stores the error at its item\'s index and counts the item as done, exactly like a value: it never calls `reject`, whatever the error is.',
  section: 'keeping-the-errors-return_exceptions-and-promiseallsettled',
} as const;
const THE_RULE = {
  hint: 'Build `gather` from `Promise.resolve(item).then(…)`, an array and a counter: `Promise.all`, `Promise.allSettled`, `Promise.any` and `Promise.race` are off limits, with or without `returnExceptions`.',
  section: 'gather-gather-without-promiseall',
} as const;

async function noUnhandledRejectionsYet(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled, `rejections reported as unhandled: there should be none, but there were ${unhandled.map((reason) => show(reason)).join(', ')}`).toEqual([]);
}

describe('results and their order', () => {
  test('resolves with the results in argument order, not in the order the items finish', points(3, ARGUMENT_ORDER), async () => {
    const gathered = track(ex.gather([later(200, 'a'), later(300, 'b'), later(100, 'c')]));
    await clock.advance(300);
    expectOutcome(gathered, { resolved: ['a', 'b', 'c'], at: 300 }, "gather of items that fulfil with 'a' at 200 ms, 'b' at 300 ms and 'c' at 100 ms");
  });

  test('resolves when the slowest item finishes: 200, 500 and 100 ms take 500 ms', points(2, ALL_AT_ONCE), async () => {
    const line = timeline(clock);
    const gathered = track(line.run('gather', () => ex.gather([line.run('a', () => later(200, 1)), line.run('b', () => later(500, 2)), line.run('c', () => later(100, 3))])));
    await clock.advance(500);
    line.expect({ a: [0, 200], b: [0, 500], c: [0, 100], gather: [0, 500] }, 'gather should resolve when its slowest item, b, finishes, at 500 ms, not before');
    expectOutcome(gathered, { resolved: [1, 2, 3], at: 500 }, 'gather of items of 200, 500 and 100 ms');
  });

  test('starts every thenable at once: thenables of 200, 300 and 100 ms that start when their then is called take 300 ms, not 600', points(3, ALL_AT_ONCE), async () => {
    const line = timeline(clock);
    const gathered = track(line.run('gather', () => ex.gather([lazyWork('a', 200, 'A', line), lazyWork('b', 300, 'B', line), lazyWork('c', 100, 'C', line)])));
    await clock.advance(600);
    line.expect({ a: [0, 200], b: [0, 300], c: [0, 100], gather: [0, 300] }, 'the three thenables should run together, all started at 0 ms, not one after another: the gather takes 300 ms, not 600');
    expectOutcome(gathered, { resolved: ['A', 'B', 'C'], at: 300 }, 'gather of lazy thenables of 200, 300 and 100 ms');
  });

  test('accepts plain values and keeps them in their places', points(1, PLAIN_VALUES), async () => {
    const shared = { id: 7 };
    const gathered = track(ex.gather([1, later(100, 'b'), shared, undefined]));
    await clock.advance(100);
    expectOutcome(gathered, { resolved: [1, 'b', shared, undefined], at: 100 }, "gather([1, <'b' at 100 ms>, an object, undefined])");
    expect((gathered.value() as unknown[])[2], 'a plain object should be the very object passed in').toBe(shared);
  });

  test('null, undefined, 0 and an object whose then is not a function are plain values', points(1, PLAIN_VALUES), async () => {
    const notThenable = { then: 'not a function' };
    const gathered = track(ex.gather([null, undefined, 0, notThenable, later(50, 'last')]));
    await clock.advance(50);
    expectOutcome(gathered, { resolved: [null, undefined, 0, notThenable, 'last'], at: 50 }, "gather([null, undefined, 0, { then: 'not a function' }, <'last' at 50 ms>])");
    expect((gathered.value() as unknown[])[3], 'an object whose then is not a function should come back as itself').toBe(notThenable);
  });

  test('a hole in a sparse array counts as undefined', points(1, HOLES), async () => {
    const sparse: unknown[] = ['a', , later(100, 'c')];
    const gathered = track(ex.gather(sparse));
    await clock.advance(100);
    expect(gathered.state(), `gather of a sparse array [a, <hole>, c] should resolve at 100 ms, but it ${describeOutcome(gathered.outcome())}`).toBe('resolved');
    const result = gathered.value() as unknown[];
    expectEvents([result.length, 1 in result, result[1]], [3, true, undefined], 'of the array gather resolved with, [length, whether index 1 is filled, its value]');
    expectEvents(result, ['a', undefined, 'c'], 'what gather of [a, <hole>, c] resolved with');
  });

  test('falsy results (undefined, null, 0, empty string, false) are results like any other', points(1, FALSY_RESULTS), async () => {
    const gathered = track(ex.gather([later(10, undefined), later(20, null), later(30, 0), later(40, ''), later(50, false)]));
    await clock.advance(49);
    expect(gathered.state(), 'gather should still be pending at 49 ms').toBe('pending');
    await clock.advance(1);
    expectOutcome(gathered, { resolved: [undefined, null, 0, '', false], at: 50 }, "gather of items that fulfil with undefined, null, 0, '' and false, the last at 50 ms");
  });

  test('resolves with a new array and leaves the items array as it was', points(1, NEW_ARRAY), async () => {
    const first = later(100, 'a');
    const items = [first, 'b'];
    const gathered = track(ex.gather(items));
    await clock.advance(100);
    expectOutcome(gathered, { resolved: ['a', 'b'], at: 100 }, "gather([<'a' at 100 ms>, 'b'])");
    expect(gathered.value() === items, 'gather should resolve with a new array, not the items array').toBe(false);
    expect(items.length, 'the items array should keep its length').toBe(2);
    expect(items[0] === first && items[1] === 'b', 'the items array should still hold the items passed in').toBe(true);
  });

  test('an empty array resolves to [] at once, without a timer', points(1, EMPTY), async () => {
    const gathering = ex.gather([]);
    expect(gathering, 'gather should return a Promise').toBeInstanceOf(Promise);
    const gathered = track(gathering);
    await clock.settle();
    expectOutcome(gathered, { resolved: [], at: 0 }, 'gather([])');
    expect(clock.timersStarted(), 'timers started by gather([])').toBe(0);
  });

  test('items that are all ready resolve at time 0, without starting any timer', points(1, NO_TIMER), async () => {
    const gathered = track(ex.gather([Promise.resolve('x'), 'y', Promise.resolve('z')]));
    await clock.settle();
    expectOutcome(gathered, { resolved: ['x', 'y', 'z'], at: 0 }, "gather([Promise.resolve('x'), 'y', Promise.resolve('z')])");
    expect(clock.timersStarted(), 'timers started by a gather of ready items').toBe(0);
  });

  test('starts no timer of its own while it waits, not even one it clears', points(1, NO_TIMER), async () => {
    const items = [later(100, 'a'), later(200, 'b'), failLater(50, new Error('x'))];
    const before = clock.timersStarted();
    const plain = track(ex.gather(items.slice(0, 2)));
    const failing = track(ex.gather(items));
    const kept = track(ex.gather(items, { returnExceptions: true }));
    await clock.advance(200);
    expectEvents(
      [plain.state(), failing.state(), kept.state()],
      ['resolved', 'rejected', 'resolved'],
      'the states at 200 ms of gathers of two items, of three items one failing, and of those three with returnExceptions',
    );
    expect(clock.timersStarted() - before, 'timers started by gather itself').toBe(0);
  });

  test('the same promise passed twice gives its value in both places', points(1, ARGUMENT_ORDER), async () => {
    const twice = later(100, 'same');
    const gathered = track(ex.gather([twice, later(50, 'other'), twice]));
    await clock.advance(100);
    expectOutcome(gathered, { resolved: ['same', 'other', 'same'], at: 100 }, "gather([p, <'other' at 50 ms>, p]), p fulfilling with 'same' at 100 ms,");
  });
});

describe('thenables, followed as await would', () => {
  test('calls the then of each thenable exactly once', points(1, FOLLOWED_AS_AWAIT), async () => {
    let calls = 0;
    const thenable: PromiseLike<string> = {
      then(onFulfilled, onRejected) {
        calls++;
        return later(100, 'x').then(onFulfilled, onRejected);
      },
    };
    const gathered = track(ex.gather([thenable, later(50, 'y')]));
    await clock.advance(100);
    expectOutcome(gathered, { resolved: ['x', 'y'], at: 100 }, "gather([a thenable that fulfils with 'x' at 100 ms, <'y' at 50 ms>])");
    expect(calls, 'the thenable\'s then should be called exactly once').toBe(1);
  });

  test('only the first callback a thenable calls counts, however many it calls', points(1, FOLLOWED_AS_AWAIT), async () => {
    const noisy = noisyThenable('first', 'second');
    const failing = track(ex.gather([noisy, later(100, 'b')]));
    const kept = track(ex.gather([noisy, later(100, 'b')], { returnExceptions: true }));
    await clock.advance(99);
    expect(failing.state(), `a thenable that calls back three times counts once: at 99 ms gather should still wait for the 100 ms item, but it ${describeOutcome(failing.outcome())}`).toBe('pending');
    await clock.advance(1);
    expectOutcome(failing, { resolved: ['first', 'b'], at: 100 }, "without returnExceptions, gather([a thenable that fulfils with 'first' and then calls back twice more, <'b' at 100 ms>])");
    expectOutcome(kept, { resolved: ['first', 'b'], at: 100 }, 'with returnExceptions, the same gather');
  });

  test('a thenable that fulfils with a promise gives that promise\'s value', points(1, FOLLOWED_AS_AWAIT), async () => {
    const wrapper: PromiseLike<string> = {
      then(onFulfilled) {
        onFulfilled?.(later(100, 'inner') as never);
        return Promise.resolve() as never;
      },
    };
    const gathered = track(ex.gather([wrapper, 'b']));
    await clock.advance(100);
    expectOutcome(gathered, { resolved: ['inner', 'b'], at: 100 }, "gather([a thenable that fulfils with a promise of 'inner' at 100 ms, 'b'])");
  });

  test('a thenable whose then throws rejects the gather with what it threw, and gather never throws', points(2, THEN_THROWS), async () => {
    const error = new Error('then threw');
    const broken = throwingThenable(error);
    let returned: unknown;
    expect(() => {
      returned = ex.gather([later(100, 'a'), broken]);
    }, 'gather should return a promise, not throw').not.toThrow();
    expect(returned, 'gather should return a Promise').toBeInstanceOf(Promise);
    const gathered = track(returned as Promise<unknown>);
    await clock.settle();
    expectOutcome(gathered, { rejected: error, at: 0 }, "gather([<'a' at 100 ms>, a thenable whose then throws])");
    expect(gathered.value(), 'gather should reject with the very error the then threw').toBe(error);
  });

  test('with returnExceptions, a thenable whose then throws puts what it threw in its place', points(1, THEN_THROWS), async () => {
    const error = new Error('then threw');
    const broken = throwingThenable(error);
    let returned: unknown;
    expect(() => {
      returned = ex.gather([later(100, 'a'), broken], { returnExceptions: true });
    }, 'gather should return a promise, not throw').not.toThrow();
    const gathered = track(returned as Promise<unknown>);
    await clock.advance(100);
    expectOutcome(gathered, { resolved: ['a', error], at: 100 }, "with returnExceptions, gather([<'a' at 100 ms>, a thenable whose then throws])");
  });
});

describe('a failure, without returnExceptions', () => {
  test('rejects with the first error to happen, at the moment it happens, not with the first failing argument', points(3, FIRST_IN_TIME), async () => {
    const early = new Error('fails at 100 ms');
    const late = new Error('fails at 200 ms');
    const line = timeline(clock);
    const gathered = track(
      line.run('gather', () => ex.gather([line.run('a', () => later(300, 'a')), line.run('b fails', () => failLater(200, late)), line.run('c fails', () => failLater(100, early))])),
    );
    await clock.advance(300);
    line.expect({ a: [0, 300], 'b fails': [0, 200], 'c fails': [0, 100], gather: [0, 100] }, 'gather should reject the moment the first failure happens, c at 100 ms, whatever its place among the arguments');
    expectOutcome(gathered, { rejected: early, at: 100 }, 'gather of items that fulfil at 300 ms, fail at 200 ms and fail at 100 ms');
    expect(gathered.value(), 'gather should reject with the very error object').toBe(early);
  });

  test('rejects without waiting for the others: a failure at 100 ms beside a 1000 ms item rejects at 100 ms', points(2, AT_ONCE), async () => {
    const error = new Error('boom');
    const line = timeline(clock);
    const gathered = track(line.run('gather', () => ex.gather([line.run('fails', () => failLater(100, error)), line.run('slow', () => later(1000, 'slow'))])));
    await clock.advance(1000);
    line.expect({ fails: [0, 100], slow: [0, 1000], gather: [0, 100] }, 'gather should reject at 100 ms, when the first item fails, without waiting for the slow one');
    expectOutcome(gathered, { rejected: error, at: 100 }, 'gather of an item that fails at 100 ms and one that fulfils at 1000 ms');
  });

  test('of two items that reject in the same tick, the one that rejects first wins', points(1, FIRST_IN_TIME), async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const firstError = new Error('first argument, rejects second');
    const secondError = new Error('second argument, rejects first');
    const gathered = track(ex.gather([first.promise, second.promise]));
    await clock.settle();
    second.reject(secondError);
    first.reject(firstError);
    await clock.settle();
    expectOutcome(gathered, { rejected: secondError, at: 0 }, 'gather([first, second]), second rejecting just before first in the same tick,');
  });

  test('rejects with a value that is not an Error, unchanged', points(1, VERY_ERROR), async () => {
    const gathered = track(ex.gather([later(100, 'a'), failLater(50, 'just a string')]));
    await clock.advance(100);
    expectOutcome(gathered, { rejected: 'just a string', at: 50 }, "gather of an item of 100 ms and one that rejects with 'just a string' at 50 ms");
  });

  test('rejects with undefined when an item rejects with undefined', points(1, VERY_ERROR), async () => {
    const gathered = track(ex.gather([later(100, 'a'), failLater(50, undefined)]));
    await clock.advance(100);
    expectOutcome(gathered, { rejected: undefined, at: 50 }, 'gather of an item of 100 ms and one that rejects with undefined at 50 ms');
  });

  test('an already-rejected promise rejects it at once', points(1, AT_ONCE), async () => {
    const error = new TypeError('rejected before the call');
    const gathered = track(ex.gather([later(100, 'a'), rejectedAlready(error)]));
    await clock.settle();
    expectOutcome(gathered, { rejected: error, at: 0 }, 'gather of an item of 100 ms and a promise rejected before the call');
  });

  test('does not stop the others: thenables it started run to the end after the failure', points(2, OTHERS_RUN_ON), async () => {
    const line = timeline(clock);
    const error = new Error('first one fails');
    const gathered = track(line.run('gather', () => ex.gather([lazyWork('fails', 100, 'x', line, error), lazyWork('slow', 300, 'y', line)])));
    await clock.advance(400);
    line.expect({ fails: [0, 100], slow: [0, 300], gather: [0, 100] }, 'both thenables should start at 0 ms; gather rejects when the first fails, at 100 ms, and the other still runs to its end, at 300 ms');
    expectOutcome(gathered, { rejected: error, at: 100 }, 'gather of lazy work that fails at 100 ms and lazy work of 300 ms');
  });

  test('failures after the first are handled: none is reported as an unhandled rejection', points(2, LATER_FAILURES), async () => {
    const first = new Error('first');
    const gathered = track(ex.gather([failLater(100, first), failLater(200, new Error('second')), failLater(300, new Error('third'))]));
    await clock.advance(300);
    expectOutcome(gathered, { rejected: first, at: 100 }, 'gather of items that fail at 100, 200 and 300 ms');
    await noUnhandledRejectionsYet();
  });
});

describe('returnExceptions: true', () => {
  test('puts each error in its item’s place and resolves with everything in argument order', points(3, KEEPS_ERRORS), async () => {
    const error = new Error('b failed');
    const gathered = track(ex.gather([later(100, 'a'), failLater(200, error), later(300, 'c'), failLater(50, 'd failed')], { returnExceptions: true }));
    await clock.advance(300);
    expectOutcome(gathered, { resolved: ['a', error, 'c', 'd failed'], at: 300 }, 'with returnExceptions, gather of items that fulfil at 100 ms, fail at 200 ms, fulfil at 300 ms and fail at 50 ms');
    expect((gathered.value() as unknown[])[1], 'the error in place should be the very error object').toBe(error);
  });

  test('waits for every item after a failure: resolves when the slowest finishes', points(2, KEEPS_ERRORS), async () => {
    const error = new Error('early failure');
    const line = timeline(clock);
    const gathered = track(line.run('gather', () => ex.gather([line.run('fails', () => failLater(100, error)), line.run('slow', () => later(400, 'x'))], { returnExceptions: true })));
    await clock.advance(400);
    line.expect({ fails: [0, 100], slow: [0, 400], gather: [0, 400] }, 'with returnExceptions, a failure at 100 ms ends nothing: gather should resolve when the slowest item finishes, at 400 ms');
    expectOutcome(gathered, { resolved: [error, 'x'], at: 400 }, 'with returnExceptions, gather of an item that fails at 100 ms and one of 400 ms');
  });

  test('never rejects, even when every item fails', points(1, KEEPS_ERRORS), async () => {
    const one = new Error('one');
    const two = new RangeError('two');
    const gathered = track(ex.gather([failLater(20, one), failLater(10, two)], { returnExceptions: true }));
    await clock.advance(20);
    expectOutcome(gathered, { resolved: [one, two], at: 20 }, 'with returnExceptions, gather of items that fail at 20 and 10 ms');
  });

  test('falsy errors (undefined, null, 0) take their item\'s place too', points(1, KEEPS_ERRORS), async () => {
    const gathered = track(ex.gather([failLater(10, undefined), failLater(20, null), failLater(30, 0), later(40, 'last')], { returnExceptions: true }));
    await clock.advance(40);
    expectOutcome(gathered, { resolved: [undefined, null, 0, 'last'], at: 40 }, 'with returnExceptions, gather of items that reject with undefined, null and 0, and one that fulfils at 40 ms');
  });

  test('leaves no unhandled rejection behind', points(1, LATER_FAILURES), async () => {
    const gathered = track(ex.gather([failLater(10, new Error('x')), rejectedAlready(new Error('y')), later(30, 'z')], { returnExceptions: true }));
    await clock.advance(30);
    expect(gathered.state(), `with returnExceptions, gather of items that fail at 10 ms, failed before the call, and fulfil at 30 ms should resolve at 30 ms, but it ${describeOutcome(gathered.outcome())}`).toBe('resolved');
    await noUnhandledRejectionsYet();
  });
});

describe('the rule of the exercise', () => {
  test('does not call Promise.all, Promise.allSettled, Promise.any or Promise.race', points(1, THE_RULE), async () => {
    const spies = [vi.spyOn(Promise, 'all'), vi.spyOn(Promise, 'allSettled'), vi.spyOn(Promise, 'any'), vi.spyOn(Promise, 'race')];
    try {
      const error = new Error('fails');
      const plain = track(ex.gather([later(100, 'a'), 'b']));
      const failing = track(ex.gather([later(100, 'a'), failLater(50, error)]));
      const settled = track(ex.gather([later(100, 'a'), failLater(50, error)], { returnExceptions: true }));
      await clock.advance(100);
      expectEvents(
        [plain.state(), failing.state(), settled.state()],
        ['resolved', 'rejected', 'resolved'],
        'the states at 100 ms of a gather, of a gather with a failing item, and of that gather with returnExceptions',
      );
      const calls = Object.fromEntries(['all', 'allSettled', 'any', 'race'].map((name, i) => [name, spies[i]!.mock.calls.length]));
      expect(calls, `calls to the Promise combinators, which the exercise forbids: ${show(calls)}`).toEqual({ all: 0, allSettled: 0, any: 0, race: 0 });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
