// Hidden spec of asCompleted(items).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. `items` may be any iterable (a generator is iterated once); an item may be a promise, another
//     thenable or a plain value; each item gives exactly one result (a promise twice: twice).
//       - accepts any iterable: a Set, and a generator, which can be iterated only once
//       - a promise passed twice gives its result twice, once per item
//       - items already settled and plain values come first, in argument order
//       - starts every thenable when it is called, before the first next()
//  2. Followed as `await item`: only a thenable's first callback counts, a then that throws is a
//     rejection; falsy values and Error objects an item fulfils with are yielded, never thrown.
//       - only the first callback a thenable calls counts
//       - a thenable whose then throws is a failure at its turn, and asCompleted does not throw
//       - falsy results (undefined, null, 0, empty string, false) are yielded like any other
//       - an Error object an item fulfils with is yielded, not thrown
//  3. Subscribes to every item when called, not when the loop starts; the order is the real
//     settling order even if the loop starts late; never throws.
//       - starts every thenable when it is called, before the first next()
//       - keeps the order in which the items settled when the loop starts after all of them have
//       - an item that fails before the loop starts is not reported as unhandled, and is thrown at its turn
//       - a thenable whose then throws is a failure at its turn, and asCompleted does not throw
//  4. Already-settled promises and plain values first, in argument order; then the others in
//     settling order; a non-promise thenable comes after those even if it calls back at once.
//       - items already settled and plain values come first, in argument order
//       - a thenable that calls back at once still comes after the settled promises and plain values
//       - yields the results in the order the items settle, not in argument order
//  5. Each step resolves as soon as the next result is there (at once if it settled while the loop
//     was busy, else at that very moment), with { value, done: false }; then { undefined, true };
//     an empty input ends at once.
//       - each step resolves at the very moment its item settles
//       - a result that arrived while the loop was busy is given at once when the loop asks
//       - the step after the last result ends the iteration at once
//       - an empty input ends the iteration at once
//  6. A rejection makes the step at its turn reject with the very value (even undefined), after the
//     results before it; then every later next() gives done: true.
//       - a rejection is thrown by the step at its turn, with the same error, after the results before it
//       - a rejection that is not an Error is thrown unchanged
//       - a rejection with undefined is thrown, not yielded
//       - the iteration is over after an error: every later step ends it
//       - a failure that happens while the loop is busy is thrown at its turn, when the loop asks
//  7. break (return()) ends the iteration: every later next() gives done: true.
//       - after a break, every later next() ends the iteration
//  8. No rejection is ever reported as unhandled: before the loop, after break, after an error.
//       - an item that fails before the loop starts is not reported as unhandled, and is thrown at its turn
//       - items that fail after the loop has stopped with break are not reported as unhandled
//       - items that fail after an error has ended the loop are not reported as unhandled
//  9. next() calls made together get the following results in order; those after a rejecting step
//     resolve with done: true.
//       - next() calls made together get the results in order, each when it is there
//       - next() calls made together: after the one that rejects, the others end the iteration
// 10. No timer of its own, not even one cleared at once.
//       - starts no timer of its own while it waits, not even one it clears
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, deferred, failLater, later, loadExercise, points, realTick, track, useVirtualTime, noisyThenable, throwingThenable } from '../../spec-kit/index.ts';

type Module = typeof import('@target/05-gather/as-completed.ts');

const ex = loadExercise<Module>('05-gather/as-completed', ['asCompleted']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** Work that starts only when its `then` is called, records when, and resolves `ms` later. */
function lazyWork<T>(name: string, ms: number, value: T, log: string[]): PromiseLike<T> {
  let running: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      running ??= (async () => {
        log.push(`${name} started@${clock.now()}`);
        await later(ms, undefined);
        return value;
      })();
      return running.then(onFulfilled, onRejected);
    },
  };
}

/**
 * Runs a `for await` loop over `iterable` in the background and logs each value with the virtual
 * time it arrived at, then `end@time`, or `threw <message>@time` (the error itself goes in `errors`).
 */
function consume(iterable: AsyncIterable<unknown>): { log: string[]; errors: unknown[]; finished: Promise<void> } {
  const log: string[] = [];
  const errors: unknown[] = [];
  const finished = (async () => {
    try {
      for await (const value of iterable) log.push(`${String(value)}@${clock.now()}`);
      log.push(`end@${clock.now()}`);
    } catch (error) {
      errors.push(error);
      log.push(`threw ${error instanceof Error ? error.message : String(error)}@${clock.now()}`);
    }
  })();
  return { log, errors, finished };
}

async function noUnhandledRejectionsYet(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled).toEqual([]);
}

describe('order and timing', () => {
  test('yields the results in the order the items settle, not in argument order', points(3), async () => {
    const loop = consume(ex.asCompleted([later(200, 'a'), later(300, 'b'), later(100, 'c')]));
    await clock.advance(300);
    expect(loop.log).toEqual(['c@100', 'a@200', 'b@300', 'end@300']);
  });

  test('each step resolves at the very moment its item settles', points(2), async () => {
    const results = ex.asCompleted([later(400, 'slow'), later(150, 'fast')]);
    const first = track(results.next());
    await clock.advance(149);
    expect(first.state()).toBe('pending');
    await clock.advance(1);
    expect(first.outcome()).toEqual({ resolved: { value: 'fast', done: false }, at: 150 });
    const second = track(results.next());
    await clock.advance(249);
    expect(second.state()).toBe('pending');
    await clock.advance(1);
    expect(second.outcome()).toEqual({ resolved: { value: 'slow', done: false }, at: 400 });
  });

  test('the step after the last result ends the iteration at once', async () => {
    const results = ex.asCompleted([later(100, 'only')]);
    const first = track(results.next());
    await clock.advance(100);
    expect(first.outcome()).toEqual({ resolved: { value: 'only', done: false }, at: 100 });
    const last = track(results.next());
    await clock.settle();
    expect(last.outcome()).toEqual({ resolved: { value: undefined, done: true }, at: 100 });
  });

  test('items already settled and plain values come first, in argument order', points(2), async () => {
    const loop = consume(ex.asCompleted<unknown>([later(100, 'slow'), Promise.resolve('x'), 'y', Promise.resolve('z'), 42]));
    await clock.advance(100);
    expect(loop.log).toEqual(['x@0', 'y@0', 'z@0', '42@0', 'slow@100', 'end@100']);
  });

  test('keeps the order in which the items settled when the loop starts after all of them have', points(2), async () => {
    const results = ex.asCompleted([later(300, 'a'), later(100, 'b'), later(200, 'c')]);
    await clock.advance(500);
    const loop = consume(results);
    await clock.settle();
    expect(loop.log).toEqual(['b@500', 'c@500', 'a@500', 'end@500']);
  });

  test('starts every thenable when it is called, before the first next()', points(2), async () => {
    const log: string[] = [];
    const results = ex.asCompleted([lazyWork('a', 200, 'A', log), lazyWork('b', 300, 'B', log), lazyWork('c', 100, 'C', log)]);
    await clock.settle();
    expect(log).toEqual(['a started@0', 'b started@0', 'c started@0']);
    const loop = consume(results);
    await clock.advance(300);
    expect(loop.log).toEqual(['C@100', 'A@200', 'B@300', 'end@300']);
  });

  test('an empty input ends the iteration at once', async () => {
    const results = ex.asCompleted([]);
    const first = track(results.next());
    await clock.settle();
    expect(first.outcome()).toEqual({ resolved: { value: undefined, done: true }, at: 0 });
    expect(clock.timersStarted(), 'timers started by asCompleted([])').toBe(0);
  });

  test('next() calls made together get the results in order, each when it is there', async () => {
    const results = ex.asCompleted([later(300, 'a'), later(100, 'b'), later(200, 'c')]);
    const steps = [track(results.next()), track(results.next()), track(results.next()), track(results.next())];
    await clock.advance(300);
    expect(steps.map((step) => step.outcome())).toEqual([
      { resolved: { value: 'b', done: false }, at: 100 },
      { resolved: { value: 'c', done: false }, at: 200 },
      { resolved: { value: 'a', done: false }, at: 300 },
      { resolved: { value: undefined, done: true }, at: 300 },
    ]);
  });

  test('starts no timer of its own while it waits, not even one it clears', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const loop = consume(ex.asCompleted([first.promise, second.promise, 'plain']));
    await clock.settle();
    second.resolve('second');
    await clock.settle();
    first.resolve('first');
    await loop.finished;
    expect(loop.log).toEqual(['plain@0', 'second@0', 'first@0', 'end@0']);
    expect(clock.timersStarted(), 'timers started by asCompleted').toBe(0);
  });

  test('a result that arrived while the loop was busy is given at once when the loop asks', async () => {
    const results = ex.asCompleted([later(100, 'a'), later(150, 'b')]);
    const first = track(results.next());
    await clock.advance(400);
    expect(first.outcome()).toEqual({ resolved: { value: 'a', done: false }, at: 100 });
    const second = track(results.next());
    await clock.settle();
    expect(second.outcome(), 'b settled at 150 ms; the step asked for at 400 ms should resolve at 400 ms').toEqual({ resolved: { value: 'b', done: false }, at: 400 });
  });

  test('a thenable that calls back at once still comes after the settled promises and plain values', async () => {
    const atOnce: PromiseLike<string> = {
      then(onFulfilled) {
        onFulfilled?.('thenable');
        return Promise.resolve() as never;
      },
    };
    const loop = consume(ex.asCompleted<unknown>([atOnce, Promise.resolve('settled'), 'plain']));
    await clock.settle();
    expect(loop.log, 'a thenable is subscribed through Promise.resolve, a microtask late').toEqual(['settled@0', 'plain@0', 'thenable@0', 'end@0']);
  });
});

describe('what an item can be', () => {
  test('accepts any iterable: a Set, and a generator, which can be iterated only once', points(2), async () => {
    function* generate(): Generator<Promise<string>> {
      yield later(200, 'g1');
      yield later(100, 'g2');
    }
    const fromGenerator = consume(ex.asCompleted(generate()));
    const fromSet = consume(ex.asCompleted(new Set([later(300, 's1'), later(50, 's2')])));
    await clock.advance(300);
    expect(fromGenerator.log, 'from a generator').toEqual(['g2@100', 'g1@200', 'end@200']);
    expect(fromSet.log, 'from a Set').toEqual(['s2@50', 's1@300', 'end@300']);
  });

  test('a promise passed twice gives its result twice, once per item', async () => {
    const twice = later(100, 'twice');
    const loop = consume(ex.asCompleted([twice, later(50, 'once'), twice]));
    await clock.advance(100);
    expect(loop.log).toEqual(['once@50', 'twice@100', 'twice@100', 'end@100']);
  });

  test('falsy results (undefined, null, 0, empty string, false) are yielded like any other', async () => {
    const results = ex.asCompleted<unknown>([later(10, undefined), later(20, null), later(30, 0), later(40, ''), later(50, false)]);
    const steps = [0, 1, 2, 3, 4, 5].map(() => track(results.next()));
    await clock.advance(50);
    expect(steps.map((step) => step.outcome())).toEqual([
      { resolved: { value: undefined, done: false }, at: 10 },
      { resolved: { value: null, done: false }, at: 20 },
      { resolved: { value: 0, done: false }, at: 30 },
      { resolved: { value: '', done: false }, at: 40 },
      { resolved: { value: false, done: false }, at: 50 },
      { resolved: { value: undefined, done: true }, at: 50 },
    ]);
  });

  test('an Error object an item fulfils with is yielded, not thrown', async () => {
    const value = new Error('a value, not a failure');
    const loop = consume(ex.asCompleted<unknown>([later(100, value), later(200, 'next')]));
    await clock.advance(200);
    expect(loop.log).toEqual(['Error: a value, not a failure@100', 'next@200', 'end@200']);
  });

  test('only the first callback a thenable calls counts', async () => {
    const noisy = noisyThenable('first', 'second');
    const loop = consume(ex.asCompleted([noisy, later(100, 'b')]));
    await clock.advance(100);
    expect(loop.log, 'the thenable should give one result, its first').toEqual(['first@0', 'b@100', 'end@100']);
  });

  test('a thenable whose then throws is a failure at its turn, and asCompleted does not throw', points(2), async () => {
    const error = new Error('then threw');
    const broken = throwingThenable<string>(error);
    let results: AsyncIterableIterator<string> | undefined;
    expect(() => {
      results = ex.asCompleted([later(100, 'a'), broken]);
    }, 'asCompleted should not throw').not.toThrow();
    const loop = consume(results!);
    await clock.advance(100);
    expect(loop.log).toEqual(['threw then threw@0']);
    expect(loop.errors[0]).toBe(error);
  });
});

describe('failures', () => {
  test('a rejection is thrown by the step at its turn, with the same error, after the results before it', points(3), async () => {
    const error = new Error('b failed');
    const loop = consume(ex.asCompleted([later(100, 'a'), failLater(200, error), later(300, 'c')]));
    await clock.advance(300);
    expect(loop.log).toEqual(['a@100', 'threw b failed@200']);
    expect(loop.errors[0]).toBe(error);
  });

  test('a rejection that is not an Error is thrown unchanged', async () => {
    const loop = consume(ex.asCompleted([failLater(100, 'just a string')]));
    await clock.advance(100);
    expect(loop.log).toEqual(['threw just a string@100']);
  });

  test('a rejection with undefined is thrown, not yielded', async () => {
    const results = ex.asCompleted([later(100, 'a'), failLater(200, undefined), later(300, 'c')]);
    const steps = [track(results.next()), track(results.next()), track(results.next())];
    await clock.advance(300);
    expect(steps.map((step) => step.outcome())).toEqual([
      { resolved: { value: 'a', done: false }, at: 100 },
      { rejected: undefined, at: 200 },
      { resolved: { value: undefined, done: true }, at: 200 },
    ]);
  });

  test('the iteration is over after an error: every later step ends it', async () => {
    const error = new Error('first fails');
    const results = ex.asCompleted([failLater(100, error), later(200, 'b'), failLater(300, new Error('c'))]);
    const first = track(results.next());
    await clock.advance(100);
    expect(first.outcome()).toEqual({ rejected: error, at: 100 });
    const after = track(results.next());
    await clock.advance(200);
    expect(after.outcome(), 'the step right after the error').toEqual({ resolved: { value: undefined, done: true }, at: 100 });
    const later1 = track(results.next());
    await clock.settle();
    expect(later1.outcome(), 'a step once every item has settled').toEqual({ resolved: { value: undefined, done: true }, at: 300 });
  });

  test('next() calls made together: after the one that rejects, the others end the iteration', async () => {
    const error = new Error('b failed');
    const results = ex.asCompleted([later(100, 'a'), failLater(200, error), later(300, 'c')]);
    const steps = [track(results.next()), track(results.next()), track(results.next()), track(results.next())];
    await clock.advance(300);
    expect(steps.map((step) => step.outcome())).toEqual([
      { resolved: { value: 'a', done: false }, at: 100 },
      { rejected: error, at: 200 },
      { resolved: { value: undefined, done: true }, at: 200 },
      { resolved: { value: undefined, done: true }, at: 200 },
    ]);
  });

  test('after a break, every later next() ends the iteration', points(2), async () => {
    const results = ex.asCompleted([later(100, 'a'), later(200, 'b'), later(300, 'c')]);
    const seen: string[] = [];
    const loop = (async () => {
      for await (const value of results) {
        seen.push(value);
        break;
      }
    })();
    await clock.advance(100);
    await loop;
    expect(seen).toEqual(['a']);
    const right = track(results.next());
    await clock.advance(200);
    const late = track(results.next());
    await clock.settle();
    expect([right.outcome(), late.outcome()], 'next() after the break, at 100 ms and at 300 ms').toEqual([
      { resolved: { value: undefined, done: true }, at: 100 },
      { resolved: { value: undefined, done: true }, at: 300 },
    ]);
  });

  test('a failure that happens while the loop is busy is thrown at its turn, when the loop asks', async () => {
    const error = new Error('failed while nobody asked');
    const results = ex.asCompleted([later(100, 'a'), failLater(150, error)]);
    const first = track(results.next());
    await clock.advance(500);
    expect(first.outcome()).toEqual({ resolved: { value: 'a', done: false }, at: 100 });
    const second = track(results.next());
    await clock.settle();
    expect(second.outcome()).toEqual({ rejected: error, at: 500 });
  });

  test('an item that fails before the loop starts is not reported as unhandled, and is thrown at its turn', points(2), async () => {
    const error = new Error('failed early');
    const results = ex.asCompleted([failLater(100, error), later(300, 'late')]);
    await clock.advance(200);
    await noUnhandledRejectionsYet();
    const first = track(results.next());
    await clock.settle();
    expect(first.outcome()).toEqual({ rejected: error, at: 200 });
  });

  test('items that fail after the loop has stopped with break are not reported as unhandled', points(2), async () => {
    const results = ex.asCompleted([later(100, 'a'), failLater(200, new Error('x')), failLater(300, new Error('y'))]);
    const seen: string[] = [];
    const loop = (async () => {
      for await (const value of results) {
        seen.push(value);
        break;
      }
    })();
    await clock.advance(300);
    await loop;
    expect(seen).toEqual(['a']);
    await noUnhandledRejectionsYet();
  });

  test('items that fail after an error has ended the loop are not reported as unhandled', async () => {
    const first = new Error('first');
    const loop = consume(ex.asCompleted([failLater(100, first), failLater(200, new Error('second')), failLater(300, new Error('third'))]));
    await clock.advance(300);
    expect(loop.log).toEqual(['threw first@100']);
    await noUnhandledRejectionsYet();
  });
});
