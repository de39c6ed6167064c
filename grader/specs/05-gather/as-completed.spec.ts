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

type Module = typeof import('@target/05-gather/as-completed.ts');

const ex = loadExercise<Module>('05-gather/as-completed', ['asCompleted']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/**
 * Work that starts only when its `then` is called and resolves `ms` later: it is drawn on `line`
 * as the piece `name`, from the first `then` call until it resolves.
 */
function lazyWork<T>(name: string, ms: number, value: T, line: Timeline): PromiseLike<T> {
  let running: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      running ??= line.run(name, async () => {
        await later(ms, undefined);
        return value;
      });
      return running.then(onFulfilled, onRejected);
    },
  };
}

/**
 * Runs a `for await` loop over `iterable` in the background and logs each value with the virtual
 * time it arrived at, then `end@time`, or `threw <message>@time` (the error itself goes in `errors`).
 * Given a timeline, it draws each step of the loop on it, `next() #1`, `next() #2`…: from the
 * moment the loop asks for the next result until it gets it (or the end, or an error).
 */
function consume(iterable: AsyncIterable<unknown>, line?: Timeline): { log: string[]; errors: unknown[]; finished: Promise<void> } {
  const log: string[] = [];
  const errors: unknown[] = [];
  let step = 1;
  const finished = (async () => {
    line?.start(`next() #${step}`);
    try {
      for await (const value of iterable) {
        line?.end(`next() #${step}`);
        log.push(`${String(value)}@${clock.now()}`);
        step++;
        line?.start(`next() #${step}`);
      }
      line?.end(`next() #${step}`);
      log.push(`end@${clock.now()}`);
    } catch (error) {
      line?.end(`next() #${step}`);
      errors.push(error);
      log.push(`threw ${error instanceof Error ? error.message : String(error)}@${clock.now()}`);
    }
  })();
  return { log, errors, finished };
}

async function noUnhandledRejectionsYet(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled, `rejections reported as unhandled: there should be none, but there were ${unhandled.map((reason) => show(reason)).join(', ')}`).toEqual([]);
}

/**
 * Checks how a step (a tracked `next()`) settled, with what and when (as toEqual compares them),
 * and says both outcomes in full: vitest shortens objects and errors.
 */
function expectOutcome(tracked: Tracked<unknown>, expected: Outcome<unknown>, what: string): void {
  const should = expected === 'pending' ? 'should still be pending' : `should have ${describeOutcome(expected)}`;
  expect(tracked.outcome(), `${what} ${should}, but it ${describeOutcome(tracked.outcome())}`).toEqual(expected);
}

/** Checks how several steps settled (as toEqual compares them), and says both lists in full. */
function expectSteps(steps: readonly Tracked<unknown>[], expected: readonly Outcome<unknown>[], what: string): void {
  const list = (outcomes: readonly Outcome<unknown>[]) => `[${outcomes.map((outcome, i) => `#${i + 1} ${describeOutcome(outcome)}`).join('; ')}]`;
  const actual = steps.map((step) => step.outcome());
  expect(actual, `${what}: should be ${list(expected)}, but are ${list(actual)}`).toEqual(expected);
}

/** Checks a list (as toEqual compares them), and says both lists in full: vitest cuts long ones short. */
function expectEvents(actual: readonly unknown[], expected: readonly unknown[], what: string): void {
  expect(actual, `${what}: should be ${show(expected)}, but was ${show(actual)}`).toEqual(expected);
}

// What to look at when a test fails, and the heading of lessons/05-gather.md that teaches it.
const SETTLING_ORDER = {
  hint: 'Push each outcome onto a queue from its item\'s callback, and let the loop take them from the front: the queue is then in the order the items settle, not in argument order.',
  section: 'results-as-they-arrive-as_completed',
} as const;
const EACH_STEP = {
  hint: 'A step takes the next outcome from the queue at once if there is one; otherwise it waits on a promise that the next callback resolves. After the last item, it ends the iteration at once.',
  section: 'results-as-they-arrive-as_completed',
} as const;
const NEXT_TOGETHER = {
  hint: 'Calls to `next()` made together each get their own result, in order: an async generator queues them for you, while a hand-written iterator needs a queue of waiting calls, not a single slot.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const SETTLED_FIRST = {
  hint: 'Send every item, plain values too, through `Promise.resolve(item).then(…)`, in argument order: settled promises and plain values then call back first, in that order, and a thenable only once its `then` has been called, a microtask later.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const SUBSCRIBE_WHEN_CALLED = {
  hint: 'Subscribe to every item in `asCompleted` itself, before you return the iterator: the body of an `async function*` runs only at the first `next()`, which is too late to start the work, to see the real order, or to handle an early failure.',
  section: 'results-as-they-arrive-as_completed',
} as const;
const EMPTY = {
  hint: 'With no items there is nothing to wait for: the first `next()` resolves with `done: true` at once.',
  section: 'empty-inputs',
} as const;
const NO_TIMER = {
  hint: 'Wake the loop from the callbacks of the items only: no `setTimeout` or `setImmediate`, not even one cleared right away.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const ANY_ITERABLE = {
  hint: 'Iterate `items` exactly once, subscribing as you go and counting as you go: a generator gives nothing the second time, and a `Set` has no `length`.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const ONE_PER_ITEM = {
  hint: 'Each item gives one result, so a promise passed twice gives two: subscribe once per item, without putting the items in a `Set` first.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const FIRST_CALLBACK = {
  hint: 'Follow each thenable through `Promise.resolve(item).then(…)` instead of calling its `then` yourself: only its first callback then counts, however many it calls.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const TAGGED = {
  hint: 'Tag each outcome by the callback it came from, a value or an error, never by what it holds: falsy values and an `Error` an item fulfils with are yielded, and a rejection with anything, even `undefined` or a string, is thrown as it is.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const THEN_THROWS = {
  hint: 'Never call a thenable\'s `then` yourself: `Promise.resolve(item)` turns a `then` that throws into a rejection like any other, thrown at its turn, and `asCompleted` itself does not throw.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const AT_ITS_TURN = {
  hint: 'Queue a failure like a result, at the moment it happens, and throw it when the loop reaches it: neither skip it nor keep it for the end.',
  section: 'results-as-they-arrive-as_completed',
} as const;
const OVER_AFTER_ERROR = {
  hint: 'Once a step has thrown, the iteration is over and every later `next()` gives `done: true`: an async generator does this by itself once its body has thrown; a hand-written iterator must remember it.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const AFTER_BREAK = {
  hint: '`break` calls the iterator\'s `return()`: an async generator then ends for good, while a hand-written iterator needs a `return()` method that marks it done.',
  section: 'as-completed-ascompleted-as-an-async-iterator',
} as const;
const NOTHING_UNHANDLED = {
  hint: 'Handle every item\'s rejection inside `asCompleted`, in the callback that queues it, and make no promise that can reject unseen: nothing is then left unhandled, whether the loop has not started, stopped at a `break` or ended on an error.',
  section: 'when-one-of-them-fails',
} as const;

describe('order and timing', () => {
  test('yields the results in the order the items settle, not in argument order', points(3, SETTLING_ORDER), async () => {
    const line = timeline(clock);
    const loop = consume(ex.asCompleted([line.run('a', () => later(200, 'a')), line.run('b', () => later(300, 'b')), line.run('c', () => later(100, 'c'))]), line);
    await clock.advance(300);
    line.expect(
      { a: [0, 200], b: [0, 300], c: [0, 100], 'next() #1': [0, 100], 'next() #2': [100, 200], 'next() #3': [200, 300], 'next() #4': [300, 300] },
      'each step of the loop should get its result the moment the next item settles (c at 100 ms, a at 200, b at 300), and the step after the last one ends the loop at once',
    );
    expectEvents(loop.log, ['c@100', 'a@200', 'b@300', 'end@300'], 'the for await loop over items of 200, 300 and 100 ms, as value@time');
  });

  test('each step resolves at the very moment its item settles', points(2, EACH_STEP), async () => {
    const line = timeline(clock);
    const results = ex.asCompleted([line.run('slow', () => later(400, 'slow')), line.run('fast', () => later(150, 'fast'))]);
    const first = track(line.run('next() #1', () => results.next()));
    await clock.advance(150);
    const second = track(line.run('next() #2', () => results.next()));
    await clock.advance(250);
    line.expect(
      { slow: [0, 400], fast: [0, 150], 'next() #1': [0, 150], 'next() #2': [150, 400] },
      'the first next() should resolve the moment the fast item settles, at 150 ms, and the second, asked for then, the moment the slow one does, at 400 ms',
    );
    expectOutcome(first, { resolved: { value: 'fast', done: false }, at: 150 }, 'the first next()');
    expectOutcome(second, { resolved: { value: 'slow', done: false }, at: 400 }, 'the second next()');
  });

  test('the step after the last result ends the iteration at once', points(1, EACH_STEP), async () => {
    const results = ex.asCompleted([later(100, 'only')]);
    const first = track(results.next());
    await clock.advance(100);
    expectOutcome(first, { resolved: { value: 'only', done: false }, at: 100 }, 'the first next() of a single item of 100 ms');
    const last = track(results.next());
    await clock.settle();
    expectOutcome(last, { resolved: { value: undefined, done: true }, at: 100 }, 'the next() after the last result');
  });

  test('items already settled and plain values come first, in argument order', points(2, SETTLED_FIRST), async () => {
    const loop = consume(ex.asCompleted<unknown>([later(100, 'slow'), Promise.resolve('x'), 'y', Promise.resolve('z'), 42]));
    await clock.advance(100);
    expectEvents(loop.log, ['x@0', 'y@0', 'z@0', '42@0', 'slow@100', 'end@100'], "the for await loop over [<'slow' at 100 ms>, Promise.resolve('x'), 'y', Promise.resolve('z'), 42], as value@time");
  });

  test('keeps the order in which the items settled when the loop starts after all of them have', points(2, SUBSCRIBE_WHEN_CALLED), async () => {
    const results = ex.asCompleted([later(300, 'a'), later(100, 'b'), later(200, 'c')]);
    await clock.advance(500);
    const loop = consume(results);
    await clock.settle();
    expectEvents(loop.log, ['b@500', 'c@500', 'a@500', 'end@500'], 'the for await loop started at 500 ms over items that settled at 300, 100 and 200 ms, as value@time');
  });

  test('starts every thenable when it is called, before the first next()', points(2, SUBSCRIBE_WHEN_CALLED), async () => {
    const line = timeline(clock);
    const results = ex.asCompleted([lazyWork('a', 200, 'A', line), lazyWork('b', 300, 'B', line), lazyWork('c', 100, 'C', line)]);
    await clock.advance(50);
    const loop = consume(results);
    void line.run('for await loop', () => loop.finished);
    await clock.advance(300);
    line.expect(
      { a: [0, 200], b: [0, 300], c: [0, 100], 'for await loop': [50, 300] },
      'the lazy thenables should all start at 0 ms, when asCompleted is called, not at 50 ms, when the loop asks for the first result',
    );
    expectEvents(loop.log, ['C@100', 'A@200', 'B@300', 'end@300'], 'the for await loop over the lazy thenables, as value@time');
  });

  test('an empty input ends the iteration at once', points(1, EMPTY), async () => {
    const results = ex.asCompleted([]);
    const first = track(results.next());
    await clock.settle();
    expectOutcome(first, { resolved: { value: undefined, done: true }, at: 0 }, 'the first next() of asCompleted([])');
    expect(clock.timersStarted(), 'timers started by asCompleted([])').toBe(0);
  });

  test('next() calls made together get the results in order, each when it is there', points(1, NEXT_TOGETHER), async () => {
    const line = timeline(clock);
    const results = ex.asCompleted([line.run('a', () => later(300, 'a')), line.run('b', () => later(100, 'b')), line.run('c', () => later(200, 'c'))]);
    const steps = [1, 2, 3, 4].map((n) => track(line.run(`next() #${n}`, () => results.next())));
    await clock.advance(300);
    line.expect(
      { a: [0, 300], b: [0, 100], c: [0, 200], 'next() #1': [0, 100], 'next() #2': [0, 200], 'next() #3': [0, 300], 'next() #4': [0, 300] },
      'four next() calls made together at 0 ms should each resolve the moment the next item settles (b at 100 ms, c at 200, a at 300), and the fourth ends the iteration then',
    );
    expectSteps(
      steps,
      [
        { resolved: { value: 'b', done: false }, at: 100 },
        { resolved: { value: 'c', done: false }, at: 200 },
        { resolved: { value: 'a', done: false }, at: 300 },
        { resolved: { value: undefined, done: true }, at: 300 },
      ],
      'the four next() calls made together at 0 ms, over items of 300, 100 and 200 ms',
    );
  });

  test('starts no timer of its own while it waits, not even one it clears', points(1, NO_TIMER), async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const loop = consume(ex.asCompleted([first.promise, second.promise, 'plain']));
    await clock.settle();
    second.resolve('second');
    await clock.settle();
    first.resolve('first');
    await loop.finished;
    expectEvents(loop.log, ['plain@0', 'second@0', 'first@0', 'end@0'], "the for await loop over [first, second, 'plain'], second resolving before first, as value@time");
    expect(clock.timersStarted(), 'timers started by asCompleted').toBe(0);
  });

  test('a result that arrived while the loop was busy is given at once when the loop asks', points(1, EACH_STEP), async () => {
    const results = ex.asCompleted([later(100, 'a'), later(150, 'b')]);
    const first = track(results.next());
    await clock.advance(400);
    expectOutcome(first, { resolved: { value: 'a', done: false }, at: 100 }, 'the first next(), asked for at 0 ms, of items of 100 and 150 ms');
    const second = track(results.next());
    await clock.settle();
    expectOutcome(second, { resolved: { value: 'b', done: false }, at: 400 }, 'the second next(), asked for at 400 ms when b had settled at 150 ms,');
  });

  test('a thenable that calls back at once still comes after the settled promises and plain values', points(1, SETTLED_FIRST), async () => {
    const atOnce: PromiseLike<string> = {
      then(onFulfilled) {
        onFulfilled?.('thenable');
        return Promise.resolve() as never;
      },
    };
    const loop = consume(ex.asCompleted<unknown>([atOnce, Promise.resolve('settled'), 'plain']));
    await clock.settle();
    expectEvents(loop.log, ['settled@0', 'plain@0', 'thenable@0', 'end@0'], 'the for await loop over [a thenable that calls back at once, a settled promise, a plain value], as value@time (a thenable is subscribed through Promise.resolve, a microtask late)');
  });
});

describe('what an item can be', () => {
  test('accepts any iterable: a Set, and a generator, which can be iterated only once', points(2, ANY_ITERABLE), async () => {
    function* generate(): Generator<Promise<string>> {
      yield later(200, 'g1');
      yield later(100, 'g2');
    }
    const fromGenerator = consume(ex.asCompleted(generate()));
    const fromSet = consume(ex.asCompleted(new Set([later(300, 's1'), later(50, 's2')])));
    await clock.advance(300);
    expectEvents(fromGenerator.log, ['g2@100', 'g1@200', 'end@200'], 'the for await loop over a generator of items of 200 and 100 ms, as value@time');
    expectEvents(fromSet.log, ['s2@50', 's1@300', 'end@300'], 'the for await loop over a Set of items of 300 and 50 ms, as value@time');
  });

  test('a promise passed twice gives its result twice, once per item', points(1, ONE_PER_ITEM), async () => {
    const twice = later(100, 'twice');
    const loop = consume(ex.asCompleted([twice, later(50, 'once'), twice]));
    await clock.advance(100);
    expectEvents(loop.log, ['once@50', 'twice@100', 'twice@100', 'end@100'], "the for await loop over [p, <'once' at 50 ms>, p], p fulfilling with 'twice' at 100 ms, as value@time");
  });

  test('falsy results (undefined, null, 0, empty string, false) are yielded like any other', points(1, TAGGED), async () => {
    const results = ex.asCompleted<unknown>([later(10, undefined), later(20, null), later(30, 0), later(40, ''), later(50, false)]);
    const steps = [0, 1, 2, 3, 4, 5].map(() => track(results.next()));
    await clock.advance(50);
    expectSteps(
      steps,
      [
        { resolved: { value: undefined, done: false }, at: 10 },
        { resolved: { value: null, done: false }, at: 20 },
        { resolved: { value: 0, done: false }, at: 30 },
        { resolved: { value: '', done: false }, at: 40 },
        { resolved: { value: false, done: false }, at: 50 },
        { resolved: { value: undefined, done: true }, at: 50 },
      ],
      "six next() calls made together, over items that fulfil with undefined, null, 0, '' and false",
    );
  });

  test('an Error object an item fulfils with is yielded, not thrown', points(1, TAGGED), async () => {
    const value = new Error('a value, not a failure');
    const loop = consume(ex.asCompleted<unknown>([later(100, value), later(200, 'next')]));
    await clock.advance(200);
    expectEvents(loop.log, ['Error: a value, not a failure@100', 'next@200', 'end@200'], 'the for await loop over an item that fulfils with an Error at 100 ms and one of 200 ms, as value@time');
  });

  test('only the first callback a thenable calls counts', points(1, FIRST_CALLBACK), async () => {
    const noisy = noisyThenable('first', 'second');
    const loop = consume(ex.asCompleted([noisy, later(100, 'b')]));
    await clock.advance(100);
    expectEvents(loop.log, ['first@0', 'b@100', 'end@100'], 'the for await loop over [a thenable that calls back three times, <\'b\' at 100 ms>], as value@time (the thenable should give one result, its first)');
  });

  test('a thenable whose then throws is a failure at its turn, and asCompleted does not throw', points(2, THEN_THROWS), async () => {
    const error = new Error('then threw');
    const broken = throwingThenable<string>(error);
    let results: AsyncIterableIterator<string> | undefined;
    expect(() => {
      results = ex.asCompleted([later(100, 'a'), broken]);
    }, 'asCompleted should not throw').not.toThrow();
    const loop = consume(results!);
    await clock.advance(100);
    expectEvents(loop.log, ['threw then threw@0'], "the for await loop over [<'a' at 100 ms>, a thenable whose then throws], as value@time");
    expect(loop.errors[0], `the error the for await loop threw should be the very error the then threw, not ${show(loop.errors[0])}`).toBe(error);
  });
});

describe('failures', () => {
  test('a rejection is thrown by the step at its turn, with the same error, after the results before it', points(3, AT_ITS_TURN), async () => {
    const error = new Error('b failed');
    const line = timeline(clock);
    const loop = consume(ex.asCompleted([line.run('a', () => later(100, 'a')), line.run('b fails', () => failLater(200, error)), line.run('c', () => later(300, 'c'))]), line);
    await clock.advance(300);
    line.expect(
      { a: [0, 100], 'b fails': [0, 200], c: [0, 300], 'next() #1': [0, 100], 'next() #2': [100, 200] },
      'the first step should get a at 100 ms, and the second should throw the failure of b the moment it happens, at 200 ms, which ends the loop',
    );
    expectEvents(loop.log, ['a@100', 'threw b failed@200'], 'the for await loop over items of 100 ms, failing at 200 ms and of 300 ms, as value@time');
    expect(loop.errors[0], `the error the for await loop threw should be the very error of the item, not ${show(loop.errors[0])}`).toBe(error);
  });

  test('a rejection that is not an Error is thrown unchanged', points(1, TAGGED), async () => {
    const loop = consume(ex.asCompleted([failLater(100, 'just a string')]));
    await clock.advance(100);
    expectEvents(loop.log, ['threw just a string@100'], "the for await loop over an item that rejects with 'just a string' at 100 ms, as value@time");
  });

  test('a rejection with undefined is thrown, not yielded', points(1, TAGGED), async () => {
    const results = ex.asCompleted([later(100, 'a'), failLater(200, undefined), later(300, 'c')]);
    const steps = [track(results.next()), track(results.next()), track(results.next())];
    await clock.advance(300);
    expectSteps(
      steps,
      [
        { resolved: { value: 'a', done: false }, at: 100 },
        { rejected: undefined, at: 200 },
        { resolved: { value: undefined, done: true }, at: 200 },
      ],
      'three next() calls made together, over items of 100 ms, rejecting with undefined at 200 ms, and of 300 ms',
    );
  });

  test('the iteration is over after an error: every later step ends it', points(1, OVER_AFTER_ERROR), async () => {
    const error = new Error('first fails');
    const results = ex.asCompleted([failLater(100, error), later(200, 'b'), failLater(300, new Error('c'))]);
    const first = track(results.next());
    await clock.advance(100);
    expectOutcome(first, { rejected: error, at: 100 }, 'the first next(), over an item that fails at 100 ms');
    const after = track(results.next());
    await clock.advance(200);
    expectOutcome(after, { resolved: { value: undefined, done: true }, at: 100 }, 'the step right after the error');
    const later1 = track(results.next());
    await clock.settle();
    expectOutcome(later1, { resolved: { value: undefined, done: true }, at: 300 }, 'a step once every item has settled');
  });

  test('next() calls made together: after the one that rejects, the others end the iteration', points(1, OVER_AFTER_ERROR), async () => {
    const error = new Error('b failed');
    const results = ex.asCompleted([later(100, 'a'), failLater(200, error), later(300, 'c')]);
    const steps = [track(results.next()), track(results.next()), track(results.next()), track(results.next())];
    await clock.advance(300);
    expectSteps(
      steps,
      [
        { resolved: { value: 'a', done: false }, at: 100 },
        { rejected: error, at: 200 },
        { resolved: { value: undefined, done: true }, at: 200 },
        { resolved: { value: undefined, done: true }, at: 200 },
      ],
      'four next() calls made together, over items of 100 ms, failing at 200 ms, and of 300 ms',
    );
  });

  test('after a break, every later next() ends the iteration', points(2, AFTER_BREAK), async () => {
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
    expectEvents(seen, ['a'], 'the values the loop saw before its break');
    const right = track(results.next());
    await clock.advance(200);
    const late = track(results.next());
    await clock.settle();
    expectSteps(
      [right, late],
      [
        { resolved: { value: undefined, done: true }, at: 100 },
        { resolved: { value: undefined, done: true }, at: 300 },
      ],
      'next() after the break, at 100 ms and at 300 ms',
    );
  });

  test('a failure that happens while the loop is busy is thrown at its turn, when the loop asks', points(1, AT_ITS_TURN), async () => {
    const error = new Error('failed while nobody asked');
    const results = ex.asCompleted([later(100, 'a'), failLater(150, error)]);
    const first = track(results.next());
    await clock.advance(500);
    expectOutcome(first, { resolved: { value: 'a', done: false }, at: 100 }, 'the first next(), asked for at 0 ms, of items of 100 ms and failing at 150 ms');
    const second = track(results.next());
    await clock.settle();
    expectOutcome(second, { rejected: error, at: 500 }, 'the second next(), asked for at 500 ms');
  });

  test('an item that fails before the loop starts is not reported as unhandled, and is thrown at its turn', points(2, SUBSCRIBE_WHEN_CALLED), async () => {
    const error = new Error('failed early');
    const results = ex.asCompleted([failLater(100, error), later(300, 'late')]);
    await clock.advance(200);
    await noUnhandledRejectionsYet();
    const first = track(results.next());
    await clock.settle();
    expectOutcome(first, { rejected: error, at: 200 }, 'the first next(), asked for at 200 ms, after the first item failed at 100 ms');
  });

  test('items that fail after the loop has stopped with break are not reported as unhandled', points(2, NOTHING_UNHANDLED), async () => {
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
    expectEvents(seen, ['a'], 'the values the loop saw before its break');
    await noUnhandledRejectionsYet();
  });

  test('items that fail after an error has ended the loop are not reported as unhandled', points(1, NOTHING_UNHANDLED), async () => {
    const first = new Error('first');
    const loop = consume(ex.asCompleted([failLater(100, first), failLater(200, new Error('second')), failLater(300, new Error('third'))]));
    await clock.advance(300);
    expectEvents(loop.log, ['threw first@100'], 'the for await loop over items that fail at 100, 200 and 300 ms, as value@time');
    await noUnhandledRejectionsYet();
  });
});
