// Hidden spec of 07-errors/collect-errors.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. Every function is called during the call, in argument order, exactly once each.
//       - calls every function during the call, in argument order, once each, without waiting for one before the next
//  2. None waits for another.
//       - runs them concurrently: 300, 100 and 200 ms take 300 ms in all, and it does not resolve earlier
//  3. Settles only when every function's promise has settled, never earlier; a failure does not stop the wait.
//       - runs them concurrently: 300, 100 and 200 ms take 300 ms in all, and it does not resolve earlier
//       - waits for every function, even after a failure, and rejects only when the last one has settled
//  4. None failed: resolves with the values in argument order, `values[i]` the value of `fns[i]`.
//       - resolves with the values in argument order, not in the order they finished
//       - keeps the values as they are, undefined included
//  5. One or more failed: rejects with an AggregateError, the built-in class itself.
//       - rejects with an AggregateError
//  6. `errors`: what each failed function rejected with, the same values (not Errors too), in argument
//     order, nothing for the successes; an AggregateError from a function is one entry.
//       - errors holds the failures themselves, in argument order, not in the order they happened
//       - errors holds nothing for the functions that succeeded
//       - errors keeps values that are not Errors as they are
//       - an AggregateError from one function stays one entry: it is not flattened
//  7. `message` is exactly `<failed> of <total> functions failed`, "functions" even for one.
//       - the message says how many of how many failed: "2 of 3 functions failed"
//       - when all fail, the message counts them all: "4 of 4 functions failed"
//       - with a single function that fails, the message is "1 of 1 functions failed"
//  8. A synchronous throw is a failure with what was thrown; the functions after it are still called;
//     runAll never throws.
//       - a function that throws synchronously has failed; the ones after it are still called and awaited
//       - a synchronous throw is reported in errors in its own place, between the failures around it
//       - when every function throws synchronously, it rejects at once with what they threw, in order
//  9. No functions: resolves at once with an empty array.
//       - with no functions, resolves with an empty array without waiting for time to pass
// 10. No rejection is ever left unhandled.
//       - failures that happen while an earlier function is still running leave no unhandled rejection
//       - when every function throws synchronously, it rejects at once with what they threw, in order
import { describe, expect, test } from 'vitest';
import { type Timeline, type Tracked, captureUnhandledRejections, describeOutcome, expectList, show, loadExercise, points, realTick, timeline, track, useVirtualTime } from '../../spec-kit/index.ts';

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

/** Calls runAll, failing with a clear message if it throws instead of returning a promise. */
function call<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  try {
    return ex.runAll(fns);
  } catch (error) {
    throw thrownInstead('runAll should never throw: a function that throws has failed, and every failure should reach the promise runAll returns', error);
  }
}

/**
 * What a test fails with when the function under test throws instead of returning a promise: the
 * untouched stub's own error as it is (it says what to do), or else `should` and what was thrown.
 */
function thrownInstead(should: string, error: unknown): unknown {
  if (error instanceof Error && /not implemented yet/i.test(error.message)) return error;
  return new Error(`${should}, but it threw ${show(error)}`);
}

/**
 * Runs runAll and tracks its outcome. Tracking handles a rejection at once, so a wrong solution
 * cannot leave it unhandled; and the tests look at the outcome instead of awaiting the promise,
 * so a wrong solution that never settles fails them instead of hanging.
 */
function run<T>(fns: readonly (() => Promise<T>)[]): Tracked<T[]> {
  return track(call(fns));
}

/**
 * Runs runAll like `run`, and draws on `line` each function as `fns[i]`, from its call until its
 * promise settles, and `runAll` from the call until it settles. (That handles the functions'
 * promises: not for the tests of unhandled rejections.)
 */
function runOn<T>(line: Timeline, fns: readonly (() => Promise<T>)[]): Tracked<T[]> {
  const drawn = fns.map((fn, index) => () => during(line, `fns[${index}]`, fn()));
  return track(during(line, 'runAll', call(drawn)));
}

/** Records `promise` on `line` as the piece `label`: it starts now and ends when the promise settles. Returns the promise itself. */
function during<P extends PromiseLike<unknown>>(line: Timeline, label: string, promise: P): P {
  line.start(label);
  const end = (): void => line.end(label);
  Promise.resolve(promise).then(end, end);
  return promise;
}

/** Fails unless runAll resolved with `values` (compared as shown) at virtual time `at`, saying what it did instead. */
function expectResolved(outcome: Tracked<unknown>, values: readonly unknown[], at: number): void {
  const expected = describeOutcome({ resolved: values, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `runAll should have ${expected}, but it ${actual}`).toBe(expected);
}

/** The value it resolved with; fails the test if it is pending or rejected. */
function resolvedValue<T>(outcome: Tracked<T>): T {
  expect(outcome.state(), `runAll should have resolved by ${clock.now()} ms, but it ${describeOutcome(outcome.outcome())}`).toBe('resolved');
  return outcome.value() as T;
}

/** The AggregateError it rejected with; fails the test if it is pending, resolved, or rejected with something else. */
function rejection(outcome: Tracked<unknown>): AggregateError {
  expect(outcome.state(), `runAll should have rejected by ${clock.now()} ms, but it ${describeOutcome(outcome.outcome())}`).toBe('rejected');
  const error = outcome.value();
  expect(error, 'runAll should reject with an AggregateError').toBeInstanceOf(AggregateError);
  return error as AggregateError;
}

/** Fails unless `errors` holds exactly the values of `expected`, the same ones (Object.is), in that order. */
function expectErrors(aggregate: AggregateError, expected: readonly unknown[], why: string): void {
  const received: unknown[] = Array.from(aggregate.errors as unknown[]);
  const same = received.length === expected.length && received.every((value, index) => Object.is(value, expected[index]));
  const list = (values: readonly unknown[]) => `[${values.map(show).join(', ')}]`;
  expect(same, `the AggregateError's errors should be ${list(expected)} (${why}), but they are ${list(received)}`).toBe(true);
}

// What helps a learner whose code fails a test: a hint per clause and the lesson heading that teaches it.
const EXERCISE = 'collect-errors-collect-every-error';
const GROUPS = 'several-errors-at-once-aggregateerror';
const VALUES = {
  hint: 'Put each value at the index of its function, as it is (`undefined` and `null` included): `Promise.allSettled` gives the outcomes in argument order, whatever order the functions finish in.',
  section: GROUPS,
} as const;
const CALLS = {
  hint: 'Call every function during the call to runAll, in order and once each: `fns.map(…)` before anything is awaited, not in a `.then` or after an `await`.',
  section: EXERCISE,
} as const;
const CONCURRENT = {
  hint: 'Call all the functions first, then wait for all of them together: awaiting each one before calling the next adds their times up.',
  section: GROUPS,
} as const;
const EMPTY = {
  hint: 'With no functions there is nothing to wait for: resolve at once with an empty array (`Promise.allSettled([])` does that), without a timer.',
  section: EXERCISE,
} as const;
const WAITS_FOR_ALL = {
  hint: 'A failure must not end the wait: `Promise.all` rejects at the first one, while `Promise.allSettled` waits for every function, whatever happens to each.',
  section: GROUPS,
} as const;
const AGGREGATE = {
  hint: 'When one or more functions failed, reject with `new AggregateError(errors, message)`, the built-in class itself: not a subclass of your own, and not the error alone when only one function failed.',
  section: GROUPS,
} as const;
const ERRORS_ORDER = {
  hint: 'Take the reasons from the outcomes in argument order (the `rejected` ones of `allSettled`), not in the order the failures happened: `errors` follows the order of `fns`.',
  section: GROUPS,
} as const;
const ONLY_FAILURES = {
  hint: '`errors` holds the failures and nothing else: skip the fulfilled outcomes, leaving no entry or hole for them, and wrap even a single failure in the AggregateError.',
  section: GROUPS,
} as const;
const MESSAGE = {
  hint: 'The message is made of two counts, taken once every function has settled: how many failed and how many functions there were, as in `2 of 3 functions failed`.',
  section: EXERCISE,
} as const;
const MESSAGE_PLURAL = {
  hint: 'The message always says “functions”, even when there is only one: do not make the word singular.',
  section: EXERCISE,
} as const;
const ERRORS_AS_THEY_ARE = {
  hint: 'Keep every reason as it is, `undefined` included: a rejection with `undefined` is still a failure, so look at the outcome\'s `status`, not at whether its `reason` is truthy, and do not wrap reasons in `new Error(…)`.',
  section: GROUPS,
} as const;
const NOT_FLATTENED = {
  hint: 'An AggregateError that a function rejected with is one failure: put it in `errors` as one entry, without spreading its own `errors` into the list.',
  section: GROUPS,
} as const;
const SYNC_THROW = {
  hint: 'A function may throw before it returns a promise: catch that around each call, count it as the failure of that function, and go on calling the ones after it. runAll itself never throws.',
  section: EXERCISE,
} as const;
const SYNC_THROW_PLACE = {
  hint: 'A throw is a failure at the index of its function: put a rejected promise in its place among the ones you wait for, so that its error lands between the errors of its neighbours.',
  section: EXERCISE,
} as const;
const HANDLED = {
  hint: 'Give every promise its handler as soon as it exists: hand them all to one `Promise.allSettled` at once. Awaiting them one by one leaves a promise that fails early with nobody listening.',
  section: 'unhandled-rejections',
} as const;

describe('when every function succeeds', () => {
  test('resolves with the values in argument order, not in the order they finished', points(2, VALUES), async () => {
    const outcome = run([ok(300, 'a'), ok(100, 'b'), ok(200, 'c')]);
    await clock.advance(300);
    expectResolved(outcome, ['a', 'b', 'c'], 300);
  });

  test('calls every function during the call, in argument order, once each, without waiting for one before the next', points(2, CALLS), () => {
    const log: string[] = [];
    void call([ok(300, 'a', log), fail(100, new Error('b'), log), ok(200, 'c', log)]).catch(() => undefined);
    expectList(log, ['called a at 0', 'called b at 0', 'called c at 0'], 'the calls made before runAll returned');
  });

  test('runs them concurrently: 300, 100 and 200 ms take 300 ms in all, and it does not resolve earlier', points(2, CONCURRENT), async () => {
    const line = timeline(clock);
    runOn(line, [ok(300, 1), ok(100, 2), ok(200, 3)]);
    await clock.advance(600);
    line.expect(
      { 'fns[0]': [0, 300], 'fns[1]': [0, 100], 'fns[2]': [0, 200], runAll: [0, 300] },
      'the three functions should run together, not one after another, and runAll should resolve when the slowest ends, at 300 ms',
    );
  });

  test('keeps the values as they are, undefined included', points(1, VALUES), async () => {
    const object = { id: 1 };
    const outcome = run<unknown>([ok(10, object), ok(20, undefined), ok(5, null)]);
    await clock.advance(20);
    const values = resolvedValue(outcome);
    expect(values, `the values should be [{ id: 1 }, undefined, null], in the order of the functions, but they are ${show(values)}`).toEqual([object, undefined, null]);
    expect(values[0], 'values[0] should be the very object fns[0] resolved with').toBe(object);
  });

  test('with no functions, resolves with an empty array without waiting for time to pass', points(1, EMPTY), async () => {
    const outcome = run([]);
    await clock.settle();
    expectResolved(outcome, [], 0);
  });
});

describe('when some functions fail', () => {
  test('waits for every function, even after a failure, and rejects only when the last one has settled', points(3, WAITS_FOR_ALL), async () => {
    const line = timeline(clock);
    const outcome = runOn(line, [fail(100, new Error('early failure')), ok(300, 'slow success'), fail(200, new Error('later failure'))]);
    await clock.advance(300);
    line.expect(
      { 'fns[0]': [0, 100], 'fns[1]': [0, 300], 'fns[2]': [0, 200], runAll: [0, 300] },
      'fns[0] fails at 100 ms, but runAll should go on waiting, and reject only when the last function has settled, at 300 ms',
    );
    expect(outcome.state(), 'every function has settled at 300 ms: runAll should have rejected').toBe('rejected');
  });

  test('rejects with an AggregateError', points(2, AGGREGATE), async () => {
    const outcome = run([ok(100, 'fine'), fail(50, new Error('broken'))]);
    await clock.advance(100);
    const error = rejection(outcome);
    expect(error.constructor === AggregateError, `runAll should reject with the built-in AggregateError itself, not with a ${error.constructor.name}`).toBe(true);
    expect(error.name, 'the error’s name').toBe('AggregateError');
  });

  test('errors holds the failures themselves, in argument order, not in the order they happened', points(3, ERRORS_ORDER), async () => {
    const errors = [new Error('fails last'), new Error('fails first'), new Error('fails second')];
    const outcome = run([fail(300, errors[0]), fail(100, errors[1]), ok(50, 'fine'), fail(200, errors[2])]);
    await clock.advance(300);
    expectErrors(rejection(outcome), errors, 'in the order of the functions, not the order they failed in');
  });

  test('errors holds nothing for the functions that succeeded', points(1, ONLY_FAILURES), async () => {
    const broken = new Error('broken');
    const outcome = run([ok(10, 'a'), fail(20, broken), ok(30, 'c')]);
    await clock.advance(30);
    expectErrors(rejection(outcome), [broken], 'only the one failure');
  });

  test('the message says how many of how many failed: "2 of 3 functions failed"', points(2, MESSAGE), async () => {
    const outcome = run([fail(10, new Error('a')), ok(20, 'b'), fail(30, new Error('c'))]);
    await clock.advance(30);
    expect(rejection(outcome).message, 'the AggregateError’s message').toBe('2 of 3 functions failed');
  });

  test('when all fail, the message counts them all: "4 of 4 functions failed"', points(1, MESSAGE), async () => {
    const outcome = run([fail(10, new Error('a')), fail(20, new Error('b')), fail(5, new Error('c')), fail(15, new Error('d'))]);
    await clock.advance(20);
    const error = rejection(outcome);
    expect(error.message, 'the AggregateError’s message').toBe('4 of 4 functions failed');
    expect(error.errors, 'the AggregateError’s errors (one per failed function)').toHaveLength(4);
  });

  test('with a single function that fails, the message is "1 of 1 functions failed"', points(1, MESSAGE_PLURAL), async () => {
    const broken = new Error('broken');
    const outcome = run([fail(10, broken)]);
    await clock.advance(10);
    const error = rejection(outcome);
    expect(error.message, 'the AggregateError’s message (always "functions", even for one)').toBe('1 of 1 functions failed');
    expectErrors(error, [broken], 'the one failure');
  });

  test('errors keeps values that are not Errors as they are', points(1, ERRORS_AS_THEY_ARE), async () => {
    const outcome = run([fail(20, 'a plain string'), ok(5, 'fine'), fail(10, undefined), fail(30, 42)]);
    await clock.advance(30);
    const error = rejection(outcome);
    expectErrors(error, ['a plain string', undefined, 42], 'the very values the functions rejected with, not wrapped');
    expect(error.message, 'the AggregateError’s message (a rejection with undefined is a failure too)').toBe('3 of 4 functions failed');
  });

  test('an AggregateError from one function stays one entry: it is not flattened', points(1, NOT_FLATTENED), async () => {
    const inner = new AggregateError([new Error('x'), new Error('y')], 'inner group');
    const other = new Error('other');
    const outcome = run([fail(10, inner), fail(20, other)]);
    await clock.advance(20);
    const error = rejection(outcome);
    expectErrors(error, [inner, other], 'the inner AggregateError as one entry, then the other error');
    expect(error.message, 'the AggregateError’s message').toBe('2 of 2 functions failed');
  });

  test('a function that throws synchronously has failed; the ones after it are still called and awaited', points(2, SYNC_THROW), async () => {
    const thrown = new Error('thrown, not rejected');
    const log: string[] = [];
    // If runAll let the throw escape, this call would fail the test, saying so.
    const result = call<string>([
      () => {
        throw thrown;
      },
      ok(100, 'after', log),
    ]);
    const outcome = track(result);
    expectList(log, ['called after at 0'], 'the calls made before runAll returned');
    await clock.advance(99);
    expect(outcome.state(), 'the second function is still running at 99 ms: runAll should still be pending').toBe('pending');
    await clock.advance(1);
    expect(outcome.settledAt(), 'when runAll rejected (ms)').toBe(100);
    const error = rejection(outcome);
    expectErrors(error, [thrown], 'what the first function threw');
    expect(error.message, 'the AggregateError’s message').toBe('1 of 2 functions failed');
  });

  test('a synchronous throw is reported in errors in its own place, between the failures around it', points(1, SYNC_THROW_PLACE), async () => {
    const before = new Error('rejects, listed first');
    const thrown = new Error('throws, listed second');
    const after = new Error('rejects, listed third');
    const outcome = track(
      call<never>([
        fail(20, before),
        () => {
          throw thrown;
        },
        fail(10, after),
      ]),
    );
    await clock.advance(20);
    expectErrors(rejection(outcome), [before, thrown, after], 'in the order of the functions, the one that threw included');
  });

  test('when every function throws synchronously, it rejects at once with what they threw, in order', points(1, SYNC_THROW), async () => {
    const thrown = [new Error('first throw'), 'second throw', undefined];
    const outcome = track(
      call<never>(
        thrown.map((value) => () => {
          throw value;
        }),
      ),
    );
    await clock.settle();
    expect(outcome.settledAt(), 'every function threw at 0 ms: runAll should have rejected at 0 ms').toBe(0);
    const error = rejection(outcome);
    expectErrors(error, thrown, 'what each function threw, in argument order');
    expect(error.message, 'the AggregateError’s message').toBe('3 of 3 functions failed');
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });
});

describe('no lost errors', () => {
  test('failures that happen while an earlier function is still running leave no unhandled rejection', points(2, HANDLED), async () => {
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
    expectList(unhandled, [], 'rejections nobody handled');
  });
});
