import { describe, expect, test } from 'vitest';
import { type Tracked, captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/07-errors/collect-errors.ts');

const ex = loadExercise<Module>('07-errors/collect-errors', ['runAll']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** A function that logs its call and resolves with `value` after `ms` of virtual time. */
function ok<T>(ms: number, value: T, log?: string[]): () => Promise<T> {
  return () => {
    log?.push(`called ${String(value)} at ${Date.now()}`);
    return new Promise((resolve) => setTimeout(() => resolve(value), ms));
  };
}

/** A function that logs its call and rejects with `error` after `ms` of virtual time. */
function fail(ms: number, error: unknown, log?: string[]): () => Promise<never> {
  return () => {
    log?.push(`called ${error instanceof Error ? error.message : String(error)} at ${Date.now()}`);
    return new Promise((_, reject) => setTimeout(() => reject(error), ms));
  };
}

/**
 * Runs runAll and tracks its outcome. Tracking handles a rejection at once, so a wrong solution
 * cannot leave it unhandled; and the tests look at the outcome instead of awaiting the promise,
 * so a wrong solution that never settles fails them instead of hanging.
 */
function run<T>(fns: readonly (() => Promise<T>)[]): Tracked<T[]> {
  return track(ex.runAll(fns));
}

/** The value it resolved with; fails the test if it is pending or rejected. */
function resolvedValue<T>(outcome: Tracked<T>): T {
  expect(outcome.state()).toBe('resolved');
  return outcome.value() as T;
}

/** The AggregateError it rejected with; fails the test if it is pending, resolved, or rejected with something else. */
function rejection(outcome: Tracked<unknown>): AggregateError {
  expect(outcome.state()).toBe('rejected');
  const error = outcome.value();
  expect(error).toBeInstanceOf(AggregateError);
  return error as AggregateError;
}

describe('when every function succeeds', () => {
  test('resolves with the values in argument order, not in the order they finished', points(2), async () => {
    const outcome = run([ok(300, 'a'), ok(100, 'b'), ok(200, 'c')]);
    await clock.advance(300);
    expect(outcome.outcome()).toEqual({ resolved: ['a', 'b', 'c'], at: 300 });
  });

  test('calls every function during the call, in argument order, without waiting for one before the next', points(2), () => {
    const log: string[] = [];
    void ex.runAll([ok(300, 'a', log), fail(100, new Error('b'), log), ok(200, 'c', log)]).catch(() => undefined);
    expect(log).toEqual(['called a at 0', 'called b at 0', 'called c at 0']);
  });

  test('runs them concurrently: 300, 100 and 200 ms take 300 ms in all, and it does not resolve earlier', points(2), async () => {
    const outcome = run([ok(300, 1), ok(100, 2), ok(200, 3)]);
    await clock.advance(299);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.settledAt()).toBe(300);
  });

  test('keeps the values as they are, undefined included', async () => {
    const object = { id: 1 };
    const outcome = run<unknown>([ok(10, object), ok(20, undefined), ok(5, null)]);
    await clock.advance(20);
    const values = resolvedValue(outcome);
    expect(values).toEqual([object, undefined, null]);
    expect(values[0]).toBe(object);
  });

  test('with no functions, resolves with an empty array without waiting for time to pass', async () => {
    const outcome = run([]);
    await clock.settle();
    expect(outcome.outcome()).toEqual({ resolved: [], at: 0 });
  });
});

describe('when some functions fail', () => {
  test('waits for every function, even after a failure, and rejects only when the last one has settled', points(3), async () => {
    const outcome = run([fail(100, new Error('early failure')), ok(300, 'slow success'), fail(200, new Error('later failure'))]);
    await clock.advance(299);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(300);
  });

  test('rejects with an AggregateError', points(2), async () => {
    const outcome = run([ok(100, 'fine'), fail(50, new Error('broken'))]);
    await clock.advance(100);
    const error = rejection(outcome);
    expect(error.constructor).toBe(AggregateError);
    expect(error.name).toBe('AggregateError');
  });

  test('errors holds the failures themselves, in argument order, not in the order they happened', points(3), async () => {
    const errors = [new Error('fails last'), new Error('fails first'), new Error('fails second')];
    const outcome = run([fail(300, errors[0]), fail(100, errors[1]), ok(50, 'fine'), fail(200, errors[2])]);
    await clock.advance(300);
    const error = rejection(outcome);
    expect(error.errors).toHaveLength(3);
    error.errors.forEach((received: unknown, index) => expect(received).toBe(errors[index]));
  });

  test('errors holds nothing for the functions that succeeded', async () => {
    const broken = new Error('broken');
    const outcome = run([ok(10, 'a'), fail(20, broken), ok(30, 'c')]);
    await clock.advance(30);
    expect(rejection(outcome).errors).toEqual([broken]);
  });

  test('the message says how many of how many failed: "2 of 3 functions failed"', points(2), async () => {
    const outcome = run([fail(10, new Error('a')), ok(20, 'b'), fail(30, new Error('c'))]);
    await clock.advance(30);
    expect(rejection(outcome).message).toBe('2 of 3 functions failed');
  });

  test('when all fail, the message counts them all: "4 of 4 functions failed"', async () => {
    const outcome = run([fail(10, new Error('a')), fail(20, new Error('b')), fail(5, new Error('c')), fail(15, new Error('d'))]);
    await clock.advance(20);
    const error = rejection(outcome);
    expect(error.message).toBe('4 of 4 functions failed');
    expect(error.errors).toHaveLength(4);
  });

  test('errors keeps values that are not Errors as they are', async () => {
    const outcome = run([fail(20, 'a plain string'), ok(5, 'fine'), fail(10, undefined), fail(30, 42)]);
    await clock.advance(30);
    expect(rejection(outcome).errors).toEqual(['a plain string', undefined, 42]);
  });

  test('an AggregateError from one function stays one entry: it is not flattened', async () => {
    const inner = new AggregateError([new Error('x'), new Error('y')], 'inner group');
    const other = new Error('other');
    const outcome = run([fail(10, inner), fail(20, other)]);
    await clock.advance(20);
    const error = rejection(outcome);
    expect(error.errors).toHaveLength(2);
    expect(error.errors[0]).toBe(inner);
    expect(error.errors[1]).toBe(other);
  });

  test('a function that throws synchronously has failed; the ones after it are still called and awaited', points(2), async () => {
    const thrown = new Error('thrown, not rejected');
    const log: string[] = [];
    // If runAll let the throw escape, this line would throw and the test fail.
    const result = ex.runAll<string>([
      () => {
        throw thrown;
      },
      ok(100, 'after', log),
    ]);
    const outcome = track(result);
    expect(log).toEqual(['called after at 0']);
    await clock.advance(100);
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(100);
    const error = rejection(outcome);
    expect(error.errors).toEqual([thrown]);
    expect(error.message).toBe('1 of 2 functions failed');
  });
});

describe('no lost errors', () => {
  test('failures that happen while an earlier function is still running leave no unhandled rejection', points(2), async () => {
    run<string>([
      ok(300, 'slow, and listed first'),
      fail(100, new Error('a')),
      () => {
        throw new Error('b');
      },
      ok(50, 'c'),
      fail(200, new Error('d')),
    ]);
    await clock.advance(300);
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });
});
