// Hidden spec of yieldToEventLoop() and processInChunks(items, fn, { chunkSize }).
//
// Clauses of the stub's doc comments, each with the tests that fail when only that clause is broken:
//
// yieldToEventLoop
//  Y1. Resolves with undefined, in a later macrotask, never in a microtask of the current one; however
//      many microtasks run, it stays pending.
//        - returns a promise that resolves with undefined
//        - stays pending while only microtasks run: it waits for a turn of the event loop
//  Y2. After two yields in a row, every timer already due and every setImmediate queued before the
//      first one have run.
//        - two yields in a row let a timer that is due and an earlier setImmediate run
//  (Y3, "use setImmediate; setTimeout(resolve, 0) also works", is advice: both pass every test.)
//
// processInChunks
//  P1. Calls fn(items[index], index) once for each index 0 … length − 1, in order (a hole is passed
//      as undefined).
//        - calls fn once per item, in order, with the item and its index
//        - a hole in a sparse array is passed to fn as undefined, with its index
//  P2. Resolves with the results in input order.
//        - resolves with the results of fn, in input order
//  P3. Chunks of chunkSize (default 1000; undefined counts as omitted): items 0 … chunkSize − 1, then
//      the next chunkSize, …; each chunk synchronous, a yield to the event loop between two chunks.
//        - uses chunks of 1000 items when chunkSize is omitted, and when it is undefined
//        - between two turns of the event loop it processes exactly one chunk (chunkSize 6, and chunkSize 1)
//        - a timer that is already due fires between two chunks, long before the work is done
//        - two calls started together take turns, one chunk each
//  P4. The first chunk runs during the call; no yield before the first chunk, none after the last.
//        - runs the first chunk synchronously, during the call
//        - resolves without waiting for the event loop when all the items fit in the first chunk
//        - resolves right after its last chunk, without yielding to the event loop again (12 and 11 items in chunks of 4)
//  P5. fn's return value is stored as is: a promise returned by fn is neither awaited nor unwrapped.
//        - stores what fn returns as is: a promise returned by fn is the result, not awaited
//  P6. Empty items (valid chunkSize): resolves to [] without calling fn.
//        - resolves to [] for empty items, without calling fn
//        - resolves without waiting for the event loop when all the items fit in the first chunk
//  P7. fn throws: rejects with the very value thrown (Error or not), no further item is processed.
//        - rejects with the very error that fn threw
//        - rejects with the very value fn threw when it is not an Error: a string, undefined, null, 0
//        - stops at the failing item: no later item is processed, then or afterwards
//        - leaves no unhandled rejection behind when fn throws
//  P8. chunkSize given and not a positive integer (0, −1, 2.5, NaN, Infinity): rejects with a
//      RangeError whose message names chunkSize, fn never called, for empty items too.
//        - rejects with a RangeError naming chunkSize, without calling fn, when chunkSize is not a positive integer
//        - rejects a bad chunkSize even when items is empty
//  P9. Never throws synchronously.
//        - never throws synchronously: a bad chunkSize or a throw in the first chunk becomes a rejection
//
// This spec runs on the REAL event loop, not in virtual time, on purpose: the exercise is about
// turns of the event loop, and a correct solution may yield with the global `setImmediate`, with
// `setTimeout(resolve, 0)` or with `setImmediate` from 'node:timers/promises' (which fake timers
// do not replace). Every assertion is about the ORDER of callbacks, which Node fixes whatever the
// machine's speed; none measures a duration. The only use of the clock is `blockFor`, which makes
// sure that a zero-delay timer is due (it can only make the timer later, never earlier).
import { setImmediate, setTimeout } from 'node:timers';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, expectList, loadExercise, points, realTick, show, type Tracked, track } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/01-event-loop/yielding-loop.ts')>('01-event-loop/yielding-loop', [
  'yieldToEventLoop',
  'processInChunks',
]);
const unhandled = captureUnhandledRejections();

/** Keeps the thread busy for `ms` real milliseconds, so that a `setTimeout(fn, 0)` made before is due. */
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: this is the CPU-heavy work that blocks the loop
  }
}

/** Runs `count` microtasks one after the other, and nothing else: no turn of the event loop. */
async function onlyMicrotasks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve();
}

/** Lets the event loop go round `turns` times, through its timers phase and its check phase each time. */
async function letTheLoopTurn(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Where two lists first differ, in words: "at position 5, got 'a0' where 'f5' was expected". */
function firstDifference(actual: readonly unknown[], expected: readonly unknown[]): string {
  const show = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : String(value));
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (i >= actual.length) return `it stops after ${actual.length} elements, where ${expected.length} were expected`;
    if (i >= expected.length) return `it has ${actual.length} elements, where ${expected.length} were expected`;
    if (!Object.is(actual[i], expected[i]) && JSON.stringify(actual[i]) !== JSON.stringify(expected[i])) {
      return `at position ${i}, got ${show(actual[i])} where ${show(expected[i])} was expected`;
    }
  }
  return 'no difference';
}

/** An `fn` that counts its calls. */
function counter(): { fn: (item: unknown, index: number) => number; calls: () => number } {
  let calls = 0;
  return {
    fn: (_item, index) => {
      calls++;
      return index;
    },
    calls: () => calls,
  };
}

// What helps a learner who fails a test: a hint of its own and the lesson heading that teaches the
// point.
const YIELD_RESOLVES = {
  hint: 'Return a `new Promise<void>` and call its `resolve` with no argument from the callback of a macrotask.',
  section: 'yielding-to-the-loop',
} as const;
const YIELD_IS_A_MACROTASK = {
  hint: 'Promise callbacks and `queueMicrotask` are microtasks, and a thousand of them still never give the loop a turn: resolve the promise from a `setImmediate` callback instead.',
  section: 'macrotasks-and-microtasks',
} as const;
const YIELD_LETS_OTHERS_RUN = {
  hint: 'Resolve from a `setImmediate` callback: it runs in the check phase, after the immediates queued before it, and by the time a second one runs the loop has been through its timers phase too; `process.nextTick` and promise callbacks run before any of them.',
  section: 'inside-a-turn-timers-io-setimmediate',
} as const;
const WHOLE_ARRAY_INDEX = {
  hint: 'The index passed to `fn`, and where its result goes, counts from the start of `items`, not from the start of the chunk: keep one position that runs from 0 to `items.length − 1` across all the chunks.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const HOLES = {
  hint: 'Visit every index from 0 to `items.length − 1` with a counter: `forEach`, `map` and `for…in` skip the holes of a sparse array, while `items[index]` of a hole is simply `undefined`.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const RESULT_AS_IS = {
  hint: '`fn` is synchronous work: store whatever it returns without awaiting it, so that a promise it returns is itself the result, even one that never settles.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const EMPTY_ITEMS = {
  hint: 'With no items there is nothing to call `fn` on and nothing to yield for: resolve with an empty array (once `chunkSize` has passed its check).',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const ONE_CHUNK_NO_WAIT = {
  hint: 'Yield only between two chunks, when items are left: if every item fits in the first chunk, or there are none, the promise resolves without a turn of the loop.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const FIRST_CHUNK_AT_ONCE = {
  hint: 'An async function runs at once, up to its first `await`: process the first chunk, exactly `chunkSize` items, before you await anything, and do not start with a yield.',
  section: 'predict-the-output',
} as const;
const DEFAULT_CHUNK_SIZE = {
  hint: 'Use chunks of 1000 when `chunkSize` is missing or `undefined`, and process exactly that many items in each chunk before you yield.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const YIELD_BETWEEN_CHUNKS = {
  hint: 'Between two chunks, wait for a real turn of the event loop with `await yieldToEventLoop()`: `await Promise.resolve()` and `process.nextTick` only let microtasks run, so a due timer cannot fire.',
  section: 'yielding-to-the-loop',
} as const;
const ONE_CHUNK_PER_TURN = {
  hint: 'Give the loop exactly one turn after every chunk of `chunkSize` items but the last: a turn in the middle of a chunk, or two chunks with no turn between them, breaks the rhythm.',
  section: 'yielding-to-the-loop',
} as const;
const TAKE_TURNS = {
  hint: 'When every call yields a turn of the loop after each of its chunks, two calls started together alternate one chunk at a time; a chunk of the wrong size, or a missing yield, lets one of them run ahead.',
  section: 'yielding-to-the-loop',
} as const;
const NO_YIELD_AFTER_LAST = {
  hint: 'Once the last item is processed, resolve at once: yield only when items are left, not after every full chunk.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const VERY_VALUE_THROWN = {
  hint: 'Let what `fn` throws end the async function unchanged: do not catch it to wrap it in a new `Error`, add a message or turn a string into an `Error`; the rejection is the very value thrown.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const STOPS_AT_THE_ERROR = {
  hint: 'When `fn` throws, stop: no later item may be processed, neither in the same chunk nor after a yield.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const BAD_CHUNK_SIZE = {
  hint: 'A given `chunkSize` must be an integer of at least 1 (`Number.isInteger` rules out 2.5, `NaN` and `Infinity`); otherwise reject with a `RangeError` whose message names `chunkSize`, before `fn` is called. A missing or `undefined` one is not an error.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const BAD_CHUNK_SIZE_EMPTY = {
  hint: 'Check `chunkSize` before you look at the items: an empty array with `chunkSize: 0` must reject all the same.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const NEVER_THROWS = {
  hint: 'Do the check of `chunkSize` and the first chunk inside the `async` function: there a `throw` becomes a rejection of the returned promise, while a `throw` in a plain function reaches the caller at once.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;
const NO_UNHANDLED = {
  hint: 'The promise that `processInChunks` returns carries the rejection, with the very value `fn` threw; leave no other promise that rejects on the side with nobody to handle it.',
  section: 'yielding-loop-a-cpu-heavy-loop-that-lets-timers-fire',
} as const;

/**
 * Calls the learner's processInChunks with the same arguments; a synchronous throw fails the test
 * with a message that says so (the spec's own test of that clause calls it directly).
 */
const processInChunks: typeof ex.processInChunks = (...args) => {
  try {
    return ex.processInChunks(...args);
  } catch (error) {
    throw new Error(`processInChunks threw at once instead of returning a promise (every error should become a rejection): ${show(error)}`);
  }
};

/** How a promise settled, with what, and the same in words for a failure message. */
async function settle(promise: PromiseLike<unknown>): Promise<{ state: 'resolved' | 'rejected'; value: unknown; text: string }> {
  return Promise.resolve(promise).then(
    (value) => ({ state: 'resolved' as const, value, text: `resolved with ${show(value)}` }),
    (value: unknown) => ({ state: 'rejected' as const, value, text: `rejected with ${show(value)}` }),
  );
}

/** Awaits `promise`; a rejection fails the test with a message that says what `what` is. */
async function resolution<T>(promise: PromiseLike<T>, what: string): Promise<T> {
  const outcome = await settle(promise);
  expect(outcome.state, `${what} should resolve, but it ${outcome.text}`).toBe('resolved');
  return outcome.value as T;
}

/** Awaits `promise` and returns what it rejected with; a resolution fails the test with a message that says what `what` is. */
async function rejection(promise: PromiseLike<unknown>, what: string): Promise<unknown> {
  const outcome = await settle(promise);
  expect(outcome.state, `${what} should reject, but it ${outcome.text}`).toBe('rejected');
  return outcome.value;
}

describe('yieldToEventLoop', () => {
  test('returns a promise that resolves with undefined', points(1, YIELD_RESOLVES), async () => {
    const yielding = ex.yieldToEventLoop();
    expect(yielding, 'yieldToEventLoop() should return a Promise').toBeInstanceOf(Promise);
    const value = await resolution(yielding, 'yieldToEventLoop()');
    expect(value, 'the value yieldToEventLoop() resolved with').toBeUndefined();
  });

  test('stays pending while only microtasks run: it waits for a turn of the event loop', points(2, YIELD_IS_A_MACROTASK), async () => {
    const yielding = ex.yieldToEventLoop();
    const outcome = track(yielding);
    await onlyMicrotasks(1000);
    expect(outcome.state(), 'yieldToEventLoop() after 1000 microtasks in a row, with no turn of the event loop in between').toBe('pending');
    await resolution(yielding, 'yieldToEventLoop()');
  });

  test('two yields in a row let a timer that is due and an earlier setImmediate run', points(2, YIELD_LETS_OTHERS_RUN), async () => {
    let timerFired = false;
    let immediateRan = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    setImmediate(() => {
      immediateRan = true;
    });
    blockFor(5);
    await resolution(ex.yieldToEventLoop(), 'the first yieldToEventLoop()');
    await resolution(ex.yieldToEventLoop(), 'the second yieldToEventLoop()');
    expect(timerFired, 'after two `await yieldToEventLoop()` in a row, whether the 0 ms timer that was already due had fired').toBe(true);
    expect(immediateRan, 'after two `await yieldToEventLoop()` in a row, whether a setImmediate callback queued before them had run').toBe(true);
  });
});

describe('processInChunks: results', () => {
  test('resolves with the results of fn, in input order', points(2, WHOLE_ARRAY_INDEX), async () => {
    const items = range(23).map((i) => String.fromCharCode(97 + i));
    const results = await resolution(
      processInChunks(items, (item, index) => `${item}${index}`, { chunkSize: 5 }),
      'processInChunks(23 items, fn, { chunkSize: 5 })',
    );
    const expected = items.map((item, index) => `${item}${index}`);
    expect(results, `the results of fn(item, index) over 23 items in chunks of 5: ${firstDifference(results, expected)}`).toEqual(expected);
  });

  test('calls fn once per item, in order, with the item and its index', points(1, WHOLE_ARRAY_INDEX), async () => {
    const items = range(12).map((i) => ({ id: i }));
    const calls: [unknown, number][] = [];
    await resolution(
      processInChunks(items, (item, index) => calls.push([item, index]), { chunkSize: 5 }),
      'processInChunks(12 items, fn, { chunkSize: 5 })',
    );
    const made = calls.map(([item, index]) => `fn(${JSON.stringify(item)}, ${index})`);
    const expected = items.map((item, index) => `fn(${JSON.stringify(item)}, ${index})`);
    expect(made, `the calls of fn, in the order they were made: ${firstDifference(made, expected)}`).toEqual(expected);
    calls.forEach(([item], index) => expect(item, `call ${index} should get items[${index}] itself`).toBe(items[index]));
  });

  test('a hole in a sparse array is passed to fn as undefined, with its index', points(1, HOLES), async () => {
    const items: (string | undefined)[] = ['a', 'b', 'c', 'd', 'e'];
    delete items[1];
    delete items[3];
    const calls: string[] = [];
    const results = await resolution(
      processInChunks(
        items,
        (item, index) => {
          calls.push(`fn(${String(item)}, ${index})`);
          return index;
        },
        { chunkSize: 2 },
      ),
      'processInChunks([a, <hole>, c, <hole>, e], fn, { chunkSize: 2 })',
    );
    const expected = ['fn(a, 0)', 'fn(undefined, 1)', 'fn(c, 2)', 'fn(undefined, 3)', 'fn(e, 4)'];
    expect(calls, `the calls of fn on [a, <hole>, c, <hole>, e]: ${firstDifference(calls, expected)}`).toEqual(expected);
    expectList(results, [0, 1, 2, 3, 4], 'the results for [a, <hole>, c, <hole>, e], one per index,');
  });

  test('stores what fn returns as is: a promise returned by fn is the result, not awaited', points(2, RESULT_AS_IS), async () => {
    const never = new Promise<string>(() => {});
    const ready = Promise.resolve('ready');
    const returned: unknown[] = [never, ready, 'plain', never];
    const working = processInChunks(returned, (value) => value, { chunkSize: 2 });
    const outcome = track(working);
    await letTheLoopTurn(5);
    expect(outcome.state(), 'processInChunks when fn returns a promise that never settles, after 5 turns of the event loop').toBe(
      'resolved',
    );
    const results = outcome.value() as unknown[];
    expect(results, 'the results should be the 4 values fn returned').toHaveLength(4);
    const same = results.map((result, index) => result === returned[index]);
    expectList(same, [true, true, true, true], 'whether each result is the very value (promise or not) that fn returned');
  });

  test('resolves to [] for empty items, without calling fn', points(1, EMPTY_ITEMS), async () => {
    const { fn, calls } = counter();
    expectList(await resolution(processInChunks([], fn, { chunkSize: 5 }), 'processInChunks([], fn, { chunkSize: 5 })'), [], 'the results of processInChunks([], fn, { chunkSize: 5 })');
    expectList(await resolution(processInChunks([], fn), 'processInChunks([], fn)'), [], 'the results of processInChunks([], fn)');
    expect(calls(), 'calls of fn for empty items').toBe(0);
  });

  test('resolves without waiting for the event loop when all the items fit in the first chunk', points(1, ONE_CHUNK_NO_WAIT), async () => {
    const { fn } = counter();
    const exact = processInChunks(range(5), fn, { chunkSize: 5 });
    const fewer = processInChunks(range(3), fn);
    const none = processInChunks([], fn, { chunkSize: 5 });
    const outcomes = [track(exact), track(fewer), track(none)];
    await onlyMicrotasks(50);
    expectList(
      outcomes.map((outcome) => outcome.state()),
      ['resolved', 'resolved', 'resolved'],
      'processInChunks of 5 items in chunks of 5, of 3 items in chunks of 1000 and of no items, once only microtasks have run (pending: it waited for the event loop),',
    );
    expectList(await resolution(exact, 'processInChunks(5 items, fn, { chunkSize: 5 })'), [0, 1, 2, 3, 4], 'the results for 5 items in chunks of 5');
    expectList(await resolution(fewer, 'processInChunks(3 items, fn)'), [0, 1, 2], 'the results for 3 items in chunks of 1000');
  });
});

describe('processInChunks: chunks and turns of the event loop', () => {
  test('runs the first chunk synchronously, during the call', points(2, FIRST_CHUNK_AT_ONCE), async () => {
    const { fn, calls } = counter();
    const working = processInChunks(range(23), fn, { chunkSize: 5 });
    expect(calls(), 'items processed when processInChunks(23 items, fn, { chunkSize: 5 }) returned').toBe(5);
    await resolution(working, 'processInChunks(23 items, fn, { chunkSize: 5 })');
    expect(calls(), 'items processed once processInChunks(23 items, fn, { chunkSize: 5 }) had resolved').toBe(23);
  });

  test.each([
    ['omitted', {}],
    ['undefined', { chunkSize: undefined }],
  ])('uses chunks of 1000 items when chunkSize is %s', points(1, DEFAULT_CHUNK_SIZE), async (how, options) => {
    const call = `processInChunks(2500 items, fn, ${how === 'omitted' ? '{}' : '{ chunkSize: undefined }'})`;
    const { fn, calls } = counter();
    const seen: number[] = [];
    setImmediate(() => seen.push(calls()));
    const working = processInChunks(range(2500), fn, options);
    expect(calls(), `items processed when ${call} returned`).toBe(1000);
    const results = await resolution(working, call);
    expect(results, `the number of results of ${call}`).toHaveLength(2500);
    const when = seen[0] === undefined ? 'had not run when the work was done' : `ran when ${seen[0]} of the 2500 items were processed`;
    expect([1000, 2000], `a setImmediate callback queued just before ${call} ${when}; it should run after the first or the second chunk of 1000, when the number of items processed is one of`).toContain(seen[0]);
  });

  test('a timer that is already due fires between two chunks, long before the work is done', points(3, YIELD_BETWEEN_CHUNKS), async () => {
    const { fn, calls } = counter();
    let seenByTimer: number | undefined;
    setTimeout(() => {
      seenByTimer = calls();
    }, 0);
    blockFor(5); // the timer is due from now on
    await resolution(processInChunks(range(50), fn, { chunkSize: 5 }), 'processInChunks(50 items, fn, { chunkSize: 5 })');
    const what =
      seenByTimer === undefined ? 'the timer had not fired when the work was done' : `the timer fired when ${seenByTimer} of the 50 items were processed`;
    expect([5, 10], `${what}; it should fire after the first or the second chunk of 5, when the number of items processed is one of`).toContain(seenByTimer);
  });

  test.each([
    [6, 60],
    [1, 12],
  ])('between two turns of the event loop it processes exactly one chunk (chunkSize %i)', points(3, ONE_CHUNK_PER_TURN), async (chunkSize, total) => {
    const { fn, calls } = counter();
    const seen: number[] = [];
    let ticking = true;
    const tick = (): void => {
      seen.push(calls());
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const results = await resolution(
      processInChunks(range(total), fn, { chunkSize }).finally(() => {
        ticking = false;
      }),
      `processInChunks(${total} items, fn, { chunkSize: ${chunkSize} })`,
    );
    expectList(results, range(total), `the results for ${total} items in chunks of ${chunkSize}`);
    const midChunk = seen.filter((count) => count % chunkSize !== 0);
    expectList(midChunk, [], `the numbers of items processed at the turns of the event loop that came in the middle of a chunk of ${chunkSize}`);
    const boundaries = range(total / chunkSize)
      .map((i) => i * chunkSize)
      .filter((count) => count >= 2 * chunkSize);
    const noTurn = boundaries.filter((count) => !seen.includes(count));
    expectList(noTurn, [], `the numbers of items processed at the ends of chunks of ${chunkSize} after which the event loop had no turn before the next chunk`);
  });

  test('two calls started together take turns, one chunk each', points(2, TAKE_TURNS), async () => {
    const starts: string[] = [];
    const chunkStarts = (name: string) => (_item: number, index: number) => {
      if (index % 5 === 0) starts.push(`${name}${index}`);
    };
    await resolution(
      Promise.all([
        processInChunks(range(20), chunkStarts('A'), { chunkSize: 5 }),
        processInChunks(range(20), chunkStarts('B'), { chunkSize: 5 }),
      ]),
      'each of the two calls processInChunks(20 items, fn, { chunkSize: 5 }) (A and B)',
    );
    expectList(
      starts,
      ['A0', 'B0', 'A5', 'B5', 'A10', 'B10', 'A15', 'B15'],
      'the first items of the chunks (call and index: A5 is item 5 of call A), in the order the two calls processed them,',
    );
  });

  test.each([
    [12, 4],
    [11, 4],
  ])('resolves right after its last chunk, without yielding to the event loop again (%i items in chunks of %i)', points(2, NO_YIELD_AFTER_LAST), async (total, chunkSize) => {
    let outcome: Tracked<unknown> | undefined;
    let seenByImmediate: string | undefined;
    const fn = (_item: number, index: number): number => {
      // Queued while the last chunk runs: it runs before any turn the solution asks for afterwards.
      if (index === total - 1) setImmediate(() => (seenByImmediate = outcome?.state()));
      return index;
    };
    const working = processInChunks(range(total), fn, { chunkSize });
    outcome = track(working);
    expectList(await resolution(working, `processInChunks(${total} items, fn, { chunkSize: ${chunkSize} })`), range(total), `the results for ${total} items in chunks of ${chunkSize}`);
    await realTick();
    expect(
      seenByImmediate,
      'the state of the promise seen by a setImmediate queued during the last chunk (pending: it yielded again after the last chunk)',
    ).toBe('resolved');
  });
});

describe('processInChunks: errors', () => {
  test('rejects with the very error that fn threw', points(2, VERY_VALUE_THROWN), async () => {
    const error = new Error('bad item');
    const working = processInChunks(
      range(20),
      (_item, index) => {
        if (index === 7) throw error;
        return index;
      },
      { chunkSize: 3 },
    );
    const reason = await rejection(working, 'processInChunks(20 items, fn, { chunkSize: 3 }) with an fn that throws at item 7');
    expect(reason, 'the rejection should be the very error fn threw').toBe(error);
  });

  test('rejects with the very value fn threw when it is not an Error: a string, undefined, null, 0', points(2, VERY_VALUE_THROWN), async () => {
    const resolved = Symbol('resolved');
    for (const thrown of ['bad item', undefined, null, 0, { code: 'E_BAD' }]) {
      for (const at of [1, 4]) {
        const working = processInChunks(
          range(6),
          (_item, index) => {
            if (index === at) throw thrown;
            return index;
          },
          { chunkSize: 3 },
        );
        const reason = await working.then(
          () => resolved,
          (error: unknown) => error,
        );
        expect(reason === thrown, `fn threw ${JSON.stringify(thrown)} at item ${at}; the promise ${reason === resolved ? 'resolved' : `rejected with ${String(reason)}`}`).toBe(true);
      }
    }
  });

  test('stops at the failing item: no later item is processed, then or afterwards', points(2, STOPS_AT_THE_ERROR), async () => {
    const processed: number[] = [];
    const working = processInChunks(
      range(20),
      (_item, index) => {
        processed.push(index);
        if (index === 7) throw new Error('bad item');
        return index;
      },
      { chunkSize: 3 },
    );
    const reason = await rejection(working, 'processInChunks(20 items, fn, { chunkSize: 3 }) with an fn that throws at item 7');
    expect(() => {
      throw reason;
    }, 'the rejection of processInChunks when fn throws an Error with the message "bad item"').toThrow('bad item');
    expectList(processed, range(8), 'the items processed when the promise rejected (fn throws at item 7)');
    await letTheLoopTurn(10);
    expectList(processed, range(8), 'the items processed once 10 more turns of the event loop had gone by after the rejection');
  });

  test('rejects with a RangeError naming chunkSize, without calling fn, when chunkSize is not a positive integer', points(2, BAD_CHUNK_SIZE), async () => {
    const { fn, calls } = counter();
    for (const chunkSize of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await processInChunks([1, 2, 3], fn, { chunkSize }).then(
        () => 'resolved',
        (reason: unknown) => reason,
      );
      expect(error, `chunkSize ${chunkSize}: the promise should reject with a RangeError`).toBeInstanceOf(RangeError);
      expect((error as Error).message, `chunkSize ${chunkSize}: the RangeError's message should name chunkSize`).toContain('chunkSize');
    }
    expect(calls(), 'calls of fn with a bad chunkSize').toBe(0);
  });

  test('rejects a bad chunkSize even when items is empty', points(1, BAD_CHUNK_SIZE_EMPTY), async () => {
    const { fn } = counter();
    for (const chunkSize of [0, 2.5]) {
      const error = await processInChunks([], fn, { chunkSize }).then(
        (value) => `resolved with ${JSON.stringify(value)}`,
        (reason: unknown) => reason,
      );
      expect(error, `processInChunks([], fn, { chunkSize: ${chunkSize} }) should reject with a RangeError`).toBeInstanceOf(RangeError);
    }
  });

  test('never throws synchronously: a bad chunkSize or a throw in the first chunk becomes a rejection', points(1, NEVER_THROWS), async () => {
    const attempt = (what: string, start: () => Promise<unknown>): Promise<unknown> => {
      try {
        return start();
      } catch (error) {
        throw new Error(`with ${what}, processInChunks threw at once instead of returning a rejected promise: ${String(error)}`);
      }
    };
    const badSize = attempt('a bad chunkSize', () => ex.processInChunks([1], (x) => x, { chunkSize: 0 }));
    const badFirst = attempt('a throw in the first chunk', () =>
      ex.processInChunks(
        [1],
        () => {
          throw new Error('first item is bad');
        },
        { chunkSize: 5 },
      ),
    );
    const sizeError = await rejection(badSize, 'processInChunks([1], fn, { chunkSize: 0 })');
    expect(sizeError, 'the rejection of processInChunks([1], fn, { chunkSize: 0 }) should be a RangeError').toBeInstanceOf(RangeError);
    const firstError = await rejection(badFirst, 'processInChunks([1], fn, { chunkSize: 5 }) with an fn that throws on the first item');
    expect(() => {
      throw firstError;
    }, 'the rejection when fn throws an Error with the message "first item is bad" on the first item').toThrow('first item is bad');
  });

  test('leaves no unhandled rejection behind when fn throws', points(1, NO_UNHANDLED), async () => {
    const error = new Error('bad item');
    const working = processInChunks(
      range(10),
      (_item, index) => {
        if (index === 4) throw error;
      },
      { chunkSize: 2 },
    );
    const reason = await rejection(working, 'processInChunks(10 items, fn, { chunkSize: 2 }) with an fn that throws at item 4');
    expect(reason, 'the rejection should be the very error fn threw').toBe(error);
    await letTheLoopTurn(3);
    await realTick();
    expectList(unhandled, [], 'the unhandled rejections once processInChunks had rejected');
  });
});
