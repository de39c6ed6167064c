import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, deferred, failLater, later, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

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
    expect(clock.pendingTimers()).toBe(0);
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

  test('starts no timer of its own while it waits', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const loop = consume(ex.asCompleted([first.promise, second.promise]));
    await clock.settle();
    expect(clock.pendingTimers()).toBe(0);
    second.resolve('second');
    await clock.settle();
    expect(clock.pendingTimers()).toBe(0);
    first.resolve('first');
    await loop.finished;
    expect(loop.log).toContain('end@0');
    expect(clock.pendingTimers()).toBe(0);
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

  test('the iteration is over after an error: the next step ends it', async () => {
    const error = new Error('first fails');
    const results = ex.asCompleted([failLater(100, error), later(200, 'b')]);
    const first = track(results.next());
    await clock.advance(100);
    expect(first.outcome()).toEqual({ rejected: error, at: 100 });
    const after = track(results.next());
    await clock.advance(200);
    expect(after.outcome()).toEqual({ resolved: { value: undefined, done: true }, at: 100 });
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
