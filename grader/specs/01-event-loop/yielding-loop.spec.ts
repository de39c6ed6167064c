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
import { captureUnhandledRejections, loadExercise, points, realTick, type Tracked, track } from '../../spec-kit/index.ts';

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

describe('yieldToEventLoop', () => {
  test('returns a promise that resolves with undefined', async () => {
    const yielding = ex.yieldToEventLoop();
    expect(yielding).toBeInstanceOf(Promise);
    await expect(yielding).resolves.toBeUndefined();
  });

  test('stays pending while only microtasks run: it waits for a turn of the event loop', points(2), async () => {
    const yielding = ex.yieldToEventLoop();
    const outcome = track(yielding);
    await onlyMicrotasks(1000);
    expect(outcome.state(), 'it resolved in a microtask, without giving the event loop a turn').toBe('pending');
    await yielding;
  });

  test('two yields in a row let a timer that is due and an earlier setImmediate run', points(2), async () => {
    let timerFired = false;
    let immediateRan = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    setImmediate(() => {
      immediateRan = true;
    });
    blockFor(5);
    await ex.yieldToEventLoop();
    await ex.yieldToEventLoop();
    expect(
      { timerFired, immediateRan },
      'after two `await yieldToEventLoop()`: had the due timer fired and the earlier setImmediate run?',
    ).toEqual({ timerFired: true, immediateRan: true });
  });
});

describe('processInChunks: results', () => {
  test('resolves with the results of fn, in input order', points(2), async () => {
    const items = range(23).map((i) => String.fromCharCode(97 + i));
    const results = await ex.processInChunks(items, (item, index) => `${item}${index}`, { chunkSize: 5 });
    const expected = items.map((item, index) => `${item}${index}`);
    expect(results, `the results of fn(item, index) over 23 items in chunks of 5: ${firstDifference(results, expected)}`).toEqual(expected);
  });

  test('calls fn once per item, in order, with the item and its index', async () => {
    const items = range(12).map((i) => ({ id: i }));
    const calls: [unknown, number][] = [];
    await ex.processInChunks(items, (item, index) => calls.push([item, index]), { chunkSize: 5 });
    const made = calls.map(([item, index]) => `fn(${JSON.stringify(item)}, ${index})`);
    const expected = items.map((item, index) => `fn(${JSON.stringify(item)}, ${index})`);
    expect(made, `the calls of fn, in the order they were made: ${firstDifference(made, expected)}`).toEqual(expected);
    calls.forEach(([item], index) => expect(item, `call ${index} should get items[${index}] itself`).toBe(items[index]));
  });

  test('a hole in a sparse array is passed to fn as undefined, with its index', async () => {
    const items: (string | undefined)[] = ['a', 'b', 'c', 'd', 'e'];
    delete items[1];
    delete items[3];
    const calls: string[] = [];
    const results = await ex.processInChunks(
      items,
      (item, index) => {
        calls.push(`fn(${String(item)}, ${index})`);
        return index;
      },
      { chunkSize: 2 },
    );
    const expected = ['fn(a, 0)', 'fn(undefined, 1)', 'fn(c, 2)', 'fn(undefined, 3)', 'fn(e, 4)'];
    expect(calls, `the calls of fn on [a, <hole>, c, <hole>, e]: ${firstDifference(calls, expected)}`).toEqual(expected);
    expect(results, 'the results for [a, <hole>, c, <hole>, e], one per index').toEqual([0, 1, 2, 3, 4]);
  });

  test('stores what fn returns as is: a promise returned by fn is the result, not awaited', points(2), async () => {
    const never = new Promise<string>(() => {});
    const ready = Promise.resolve('ready');
    const returned: unknown[] = [never, ready, 'plain', never];
    const working = ex.processInChunks(returned, (value) => value, { chunkSize: 2 });
    const outcome = track(working);
    await letTheLoopTurn(5);
    expect(outcome.state(), 'processInChunks when fn returns a promise that never settles, after 5 turns of the event loop').toBe(
      'resolved',
    );
    const results = outcome.value() as unknown[];
    expect(results, 'the results should be the 4 values fn returned').toHaveLength(4);
    const same = results.map((result, index) => result === returned[index]);
    expect(same, 'whether each result is the very value (promise or not) that fn returned').toEqual([true, true, true, true]);
  });

  test('resolves to [] for empty items, without calling fn', async () => {
    const { fn, calls } = counter();
    await expect(ex.processInChunks([], fn, { chunkSize: 5 }), 'processInChunks([], fn, { chunkSize: 5 })').resolves.toEqual([]);
    await expect(ex.processInChunks([], fn), 'processInChunks([], fn)').resolves.toEqual([]);
    expect(calls(), 'calls of fn for empty items').toBe(0);
  });

  test('resolves without waiting for the event loop when all the items fit in the first chunk', async () => {
    const { fn } = counter();
    const exact = ex.processInChunks(range(5), fn, { chunkSize: 5 });
    const fewer = ex.processInChunks(range(3), fn);
    const none = ex.processInChunks([], fn, { chunkSize: 5 });
    const outcomes = [track(exact), track(fewer), track(none)];
    await onlyMicrotasks(50);
    expect(
      outcomes.map((outcome) => outcome.state()),
      '5 items in chunks of 5, 3 items in chunks of 1000 and no items, once only microtasks have run (pending: it waited for the event loop)',
    ).toEqual(['resolved', 'resolved', 'resolved']);
    await expect(exact).resolves.toEqual([0, 1, 2, 3, 4]);
    await expect(fewer).resolves.toEqual([0, 1, 2]);
  });
});

describe('processInChunks: chunks and turns of the event loop', () => {
  test('runs the first chunk synchronously, during the call', points(2), async () => {
    const { fn, calls } = counter();
    const working = ex.processInChunks(range(23), fn, { chunkSize: 5 });
    expect(calls(), 'items processed when processInChunks returned').toBe(5);
    await working;
    expect(calls()).toBe(23);
  });

  test.each([
    ['omitted', {}],
    ['undefined', { chunkSize: undefined }],
  ])('uses chunks of 1000 items when chunkSize is %s', async (_, options) => {
    const { fn, calls } = counter();
    const seen: number[] = [];
    setImmediate(() => seen.push(calls()));
    const working = ex.processInChunks(range(2500), fn, options);
    expect(calls(), `items processed when processInChunks(2500 items, fn, ${JSON.stringify(options)}) returned`).toBe(1000);
    const results = await working;
    expect(results, 'the results for 2500 items').toHaveLength(2500);
    expect([1000, 2000], `an immediate queued before the call saw ${seen[0]} items processed`).toContain(seen[0]);
  });

  test('a timer that is already due fires between two chunks, long before the work is done', points(3), async () => {
    const { fn, calls } = counter();
    let seenByTimer: number | undefined;
    setTimeout(() => {
      seenByTimer = calls();
    }, 0);
    blockFor(5); // the timer is due from now on
    await ex.processInChunks(range(50), fn, { chunkSize: 5 });
    const what =
      seenByTimer === undefined ? 'the timer had not fired when the work was done' : `the timer fired when ${seenByTimer} of the 50 items were processed`;
    expect(seenByTimer, `${what}; it should fire after the first or the second chunk of 5`).toBeOneOf([5, 10]);
  });

  test.each([
    [6, 60],
    [1, 12],
  ])('between two turns of the event loop it processes exactly one chunk (chunkSize %i)', points(3), async (chunkSize, total) => {
    const { fn, calls } = counter();
    const seen: number[] = [];
    let ticking = true;
    const tick = (): void => {
      seen.push(calls());
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const results = await ex.processInChunks(range(total), fn, { chunkSize }).finally(() => {
      ticking = false;
    });
    expect(results, `the results for ${total} items in chunks of ${chunkSize}`).toEqual(range(total));
    const midChunk = seen.filter((count) => count % chunkSize !== 0);
    expect(midChunk, `the event loop had turns after these numbers of items, which are not whole chunks of ${chunkSize}`).toEqual([]);
    const boundaries = range(total / chunkSize)
      .map((i) => i * chunkSize)
      .filter((count) => count >= 2 * chunkSize);
    const noTurn = boundaries.filter((count) => !seen.includes(count));
    expect(noTurn, 'the event loop had no turn between two chunks, after these numbers of items').toEqual([]);
  });

  test('two calls started together take turns, one chunk each', points(2), async () => {
    const starts: string[] = [];
    const chunkStarts = (name: string) => (_item: number, index: number) => {
      if (index % 5 === 0) starts.push(`${name}${index}`);
    };
    await Promise.all([
      ex.processInChunks(range(20), chunkStarts('A'), { chunkSize: 5 }),
      ex.processInChunks(range(20), chunkStarts('B'), { chunkSize: 5 }),
    ]);
    expect(starts, 'the first item of each chunk, as the two calls processed them').toEqual(['A0', 'B0', 'A5', 'B5', 'A10', 'B10', 'A15', 'B15']);
  });

  test.each([
    [12, 4],
    [11, 4],
  ])('resolves right after its last chunk, without yielding to the event loop again (%i items in chunks of %i)', points(2), async (total, chunkSize) => {
    let outcome: Tracked<unknown> | undefined;
    let seenByImmediate: string | undefined;
    const fn = (_item: number, index: number): number => {
      // Queued while the last chunk runs: it runs before any turn the solution asks for afterwards.
      if (index === total - 1) setImmediate(() => (seenByImmediate = outcome?.state()));
      return index;
    };
    const working = ex.processInChunks(range(total), fn, { chunkSize });
    outcome = track(working);
    await expect(working, 'the results').resolves.toEqual(range(total));
    await realTick();
    expect(
      seenByImmediate,
      'the state of the promise seen by a setImmediate queued during the last chunk (pending: it yielded again after the last chunk)',
    ).toBe('resolved');
  });
});

describe('processInChunks: errors', () => {
  test('rejects with the very error that fn threw', points(2), async () => {
    const error = new Error('bad item');
    const working = ex.processInChunks(
      range(20),
      (_item, index) => {
        if (index === 7) throw error;
        return index;
      },
      { chunkSize: 3 },
    );
    await expect(working, 'the rejection should be the very error fn threw').rejects.toBe(error);
  });

  test('rejects with the very value fn threw when it is not an Error: a string, undefined, null, 0', points(2), async () => {
    const resolved = Symbol('resolved');
    for (const thrown of ['bad item', undefined, null, 0, { code: 'E_BAD' }]) {
      for (const at of [1, 4]) {
        const working = ex.processInChunks(
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

  test('stops at the failing item: no later item is processed, then or afterwards', points(2), async () => {
    const processed: number[] = [];
    const working = ex.processInChunks(
      range(20),
      (_item, index) => {
        processed.push(index);
        if (index === 7) throw new Error('bad item');
        return index;
      },
      { chunkSize: 3 },
    );
    await expect(working).rejects.toThrow('bad item');
    expect(processed, 'the items processed when the promise rejected (fn throws at item 7)').toEqual(range(8));
    await letTheLoopTurn(10);
    expect(processed, 'items were processed after the promise had rejected').toEqual(range(8));
  });

  test('rejects with a RangeError naming chunkSize, without calling fn, when chunkSize is not a positive integer', points(2), async () => {
    const { fn, calls } = counter();
    for (const chunkSize of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await ex.processInChunks([1, 2, 3], fn, { chunkSize }).then(
        () => 'resolved',
        (reason: unknown) => reason,
      );
      expect(error, `chunkSize ${chunkSize}: the promise should reject with a RangeError`).toBeInstanceOf(RangeError);
      expect((error as Error).message, `chunkSize ${chunkSize}: the RangeError's message should name chunkSize`).toContain('chunkSize');
    }
    expect(calls(), 'calls of fn with a bad chunkSize').toBe(0);
  });

  test('rejects a bad chunkSize even when items is empty', async () => {
    const { fn } = counter();
    for (const chunkSize of [0, 2.5]) {
      const error = await ex.processInChunks([], fn, { chunkSize }).then(
        (value) => `resolved with ${JSON.stringify(value)}`,
        (reason: unknown) => reason,
      );
      expect(error, `processInChunks([], fn, { chunkSize: ${chunkSize} }) should reject with a RangeError`).toBeInstanceOf(RangeError);
    }
  });

  test('never throws synchronously: a bad chunkSize or a throw in the first chunk becomes a rejection', async () => {
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
    await expect(badSize).rejects.toBeInstanceOf(RangeError);
    await expect(badFirst).rejects.toThrow('first item is bad');
  });

  test('leaves no unhandled rejection behind when fn throws', async () => {
    const error = new Error('bad item');
    const working = ex.processInChunks(
      range(10),
      (_item, index) => {
        if (index === 4) throw error;
      },
      { chunkSize: 2 },
    );
    await expect(working).rejects.toBe(error);
    await letTheLoopTurn(3);
    await realTick();
    expect(unhandled).toEqual([]);
  });
});
