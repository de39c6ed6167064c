// This spec runs on the REAL event loop, not in virtual time, on purpose: the exercise is about
// turns of the event loop, and a correct solution may yield with the global `setImmediate`, with
// `setTimeout(resolve, 0)` or with `setImmediate` from 'node:timers/promises' (which fake timers
// do not replace). Every assertion is about the ORDER of callbacks, which Node fixes whatever the
// machine's speed; none measures a duration. The only use of the clock is `blockFor`, which makes
// sure that a zero-delay timer is due (it can only make the timer later, never earlier).
import { setImmediate, setTimeout } from 'node:timers';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track } from '../../spec-kit/index.ts';

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
    expect({ timerFired, immediateRan }).toEqual({ timerFired: true, immediateRan: true });
  });
});

describe('processInChunks: results', () => {
  test('resolves with the results of fn, in input order', points(2), async () => {
    const items = range(23).map((i) => String.fromCharCode(97 + i));
    const results = await ex.processInChunks(items, (item, index) => `${item}${index}`, { chunkSize: 5 });
    expect(results).toEqual(items.map((item, index) => `${item}${index}`));
  });

  test('calls fn once per item, in order, with the item and its index', async () => {
    const items = range(12).map((i) => ({ id: i }));
    const calls: [unknown, number][] = [];
    await ex.processInChunks(items, (item, index) => calls.push([item, index]), { chunkSize: 5 });
    expect(calls).toEqual(items.map((item, index) => [item, index]));
    calls.forEach(([item], index) => expect(item).toBe(items[index]));
  });

  test('resolves to [] for empty items, without calling fn', async () => {
    const { fn, calls } = counter();
    await expect(ex.processInChunks([], fn, { chunkSize: 5 })).resolves.toEqual([]);
    await expect(ex.processInChunks([], fn)).resolves.toEqual([]);
    expect(calls()).toBe(0);
  });

  test('resolves without waiting for the event loop when all the items fit in the first chunk', async () => {
    const { fn } = counter();
    const exact = ex.processInChunks(range(5), fn, { chunkSize: 5 });
    const fewer = ex.processInChunks(range(3), fn);
    const outcomes = [track(exact), track(fewer)];
    await onlyMicrotasks(50);
    expect(outcomes.map((outcome) => outcome.state()), 'it yielded to the event loop after its last chunk').toEqual(['resolved', 'resolved']);
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

  test('uses chunks of 1000 items when no chunkSize is given', async () => {
    const { fn, calls } = counter();
    const seen: number[] = [];
    setImmediate(() => seen.push(calls()));
    const working = ex.processInChunks(range(2500), fn);
    expect(calls(), 'items processed when processInChunks returned').toBe(1000);
    const results = await working;
    expect(results).toHaveLength(2500);
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

  test('between two turns of the event loop it processes exactly one chunk', points(3), async () => {
    const chunkSize = 6;
    const total = 60;
    const { fn, calls } = counter();
    const seen: number[] = [];
    let ticking = true;
    const tick = (): void => {
      seen.push(calls());
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await ex.processInChunks(range(total), fn, { chunkSize }).finally(() => {
      ticking = false;
    });
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
    expect(starts).toEqual(['A0', 'B0', 'A5', 'B5', 'A10', 'B10', 'A15', 'B15']);
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
    await expect(working).rejects.toBe(error);
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
    expect(processed).toEqual(range(8));
    await letTheLoopTurn(10);
    expect(processed, 'items were processed after the promise had rejected').toEqual(range(8));
  });

  test('rejects with a RangeError, without calling fn, when chunkSize is not a positive integer', points(2), async () => {
    const { fn, calls } = counter();
    for (const chunkSize of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await ex.processInChunks([1, 2, 3], fn, { chunkSize }).then(
        () => 'resolved',
        (reason: unknown) => reason,
      );
      expect(error, `chunkSize ${chunkSize}`).toBeInstanceOf(RangeError);
    }
    expect(calls()).toBe(0);
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
