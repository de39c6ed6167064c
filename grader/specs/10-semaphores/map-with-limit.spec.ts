// Hidden spec of mapWithLimit(items, limit, fn).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. limit: a whole number of 1 or more, or Infinity; anything else rejects with a RangeError,
//     without reading items or calling fn; it never throws.
//       - refuses a limit that is not a whole number of 1 or more, or Infinity, with a RangeError
//       - a limit of Infinity starts every call at once
//  2. items: any iterable, read once, completely, before fn is called; an iterable that throws
//     while being read makes it reject with what was thrown, without calling fn.
//       - accepts any iterable: a Set, a Map, a string, a generator
//       - reads the items once, completely, before it calls fn
//       - an iterable that throws while being read makes it reject with what it threw
//  3. A call runs from fn's call until its outcome has settled (promise, thenable, plain value).
//     The first min(limit, n) calls start at once, at virtual time 0, before any timer.
//       - starts exactly limit calls at virtual time 0, and no more
//       - a limit larger than the number of items starts them all at once
//       - fn may return a plain value or a thenable
//  4. Each time a call ends, the next item's call starts at that moment, in a microtask, never
//     through a timer; exactly limit calls run as long as items are left, never more.
//       - starts the next call the moment one ends (timeline)
//       - never runs more than limit calls at once, and always limit while items are left
//       - uses no timer of its own: the next call starts in a microtask
//       - a limit of 1 runs the calls one after another
//  5. fn is called exactly once per item, in input order, with the item, its index and one
//     AbortSignal shared by every call.
//       - calls fn once per item, in input order, with the item, its index and one shared signal
//  6. Success: resolves the moment the last call ends, with a new array of the values in input
//     order (falsy values are results); no items: [] at once, fn never called; the signal is
//     never aborted.
//       - resolves with the results in input order, the moment the last call ends
//       - falsy results are results like any other
//       - resolves with a new array, and leaves an input array as it was
//       - no items: resolves with [] at once and never calls fn
//       - never aborts the signal when every call succeeds
//  7. A call fails when fn throws (known at once, as fn returns: no other call starts in between)
//     or its outcome rejects. At the first failure, whatever the error (falsy values too): no more
//     calls ever start; the signal aborts with a DOMException named AbortError; then it rejects
//     with the failure's error, unchanged, at that moment, without waiting for the calls in flight.
//       - rejects with the first failure's error at that moment, without waiting for the calls in flight
//       - starts no more calls after a failure, even when the calls in flight end later
//       - aborts the shared signal with an AbortError before it rejects
//       - rejects with the error as it is, even when it is not an Error
//       - a synchronous throw in fn is a failure: a rejection, and no more calls
//       - a synchronous throw after the first call has started is a failure too: it aborts the signal and stops the calls
//       - a failure with a falsy error (undefined, null, 0, an empty string) stops the calls like any other
//       - the first failure in time wins, not the first item that fails
//  8. What the calls in flight do afterwards changes nothing; none of their rejections is
//     unhandled.
//       - later outcomes of the calls in flight change nothing and are never unhandled
import { describe, expect, test } from 'vitest';
import {
  captureUnhandledRejections,
  deferred,
  describeOutcome,
  expectList,
  inOrder,
  loadExercise,
  points,
  realTick,
  show,
  timeline,
  track,
  useVirtualTime,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/10-semaphores/map-with-limit.ts');

const ex = loadExercise<Module>('10-semaphores/map-with-limit', ['mapWithLimit']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

const SECTION = 'mapwithlimit-results-in-input-order-and-stop-at-the-first-failure';
const LIMIT = { hint: 'Keep a count of the calls running; start a call only while it is below limit, and start the next one in the callback where a call ends.', section: SECTION } as const;
const ORDER = { hint: 'Store each result at its item’s index (results[index] = value), not with push.', section: SECTION } as const;
const FAILURE = {
  hint: 'Keep a flag that the first failure sets; check it before every call you start, abort your AbortController, and reject at once.',
  section: SECTION,
} as const;
const INPUT = { hint: 'Array.from(items) reads any iterable once, completely; do it inside a try so that an iterable that throws becomes a rejection.', section: SECTION } as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('how many calls run', () => {
  test('starts exactly limit calls at virtual time 0, and no more', points(3, LIMIT), async () => {
    const started: string[] = [];
    const mapped = track(
      ex.mapWithLimit(['a', 'b', 'c', 'd', 'e'], 3, async (name) => {
        started.push(`${name}@${clock.now()}`);
        await sleep(1000);
        return name;
      }),
    );
    await clock.settle();
    expectList(started, ['a@0', 'b@0', 'c@0'], 'the calls started at time 0 with a limit of 3');
    await clock.advance(999);
    expectList(started, ['a@0', 'b@0', 'c@0'], 'the calls started before any call ended');
    await clock.advance(1001);
    expect(mapped.outcome(), `5 calls of 1 s, 3 at a time, take 2 s; mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ resolved: ['a', 'b', 'c', 'd', 'e'], at: 2000 });
  });

  test('starts the next call the moment one ends', points(3, LIMIT), async () => {
    const work = timeline(clock);
    const durations: Record<string, number> = { a: 300, b: 100, c: 200, d: 100, e: 50 };
    const mapped = track(ex.mapWithLimit(Object.keys(durations), 2, (name) => work.run(name, () => sleep(durations[name]!))));
    await clock.advance(500);
    work.expect(
      { a: [0, 300], b: [0, 100], c: [100, 300], d: [300, 400], e: [300, 350] },
      'a limit of 2: a and b at once, c when b ends at 100, d and e when a and c end at 300',
    );
    expect(mapped.settledAt(), 'mapWithLimit should resolve when the last call ends, at 400 ms').toBe(400);
  });

  test('never runs more than limit calls at once, and always limit while items are left', points(2, LIMIT), async () => {
    let running = 0;
    const seen: string[] = [];
    const durations = [70, 20, 50, 10, 90, 30, 30, 60, 10, 40, 80, 20];
    const mapped = track(
      ex.mapWithLimit(durations, 4, async (ms, index) => {
        running++;
        seen.push(`${running}`);
        if (running > 4) seen.push(`too many at ${clock.now()} ms (call ${index})`);
        await sleep(ms);
        running--;
        return index;
      }),
    );
    await clock.advance(1000);
    expect(
      seen.filter((entry) => entry.startsWith('too many')),
      'more than 4 calls ran at once',
    ).toEqual([]);
    expect(mapped.state(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe('resolved');
    // Each of the 8 calls after the first 4 starts the moment another ends: 4 running when it starts.
    expect(seen.slice(4).every((count) => count === '4'), `every call after the first four should start with 4 calls running (itself included), but the counts were ${seen.join(', ')}`).toBe(true);
  });

  test('a limit larger than the number of items starts them all at once', points(1, LIMIT), async () => {
    const work = timeline(clock);
    const mapped = track(ex.mapWithLimit([100, 200, 300], 10, (ms, index) => work.run(`call ${index}`, () => sleep(ms))));
    await clock.advance(300);
    work.expect({ 'call 0': [0, 100], 'call 1': [0, 200], 'call 2': [0, 300] }, 'a limit of 10 with 3 items: all three start at once');
    expect(mapped.settledAt(), 'mapWithLimit should resolve at 300 ms').toBe(300);
  });

  test('a limit of Infinity starts every call at once', points(1, LIMIT), async () => {
    const started: number[] = [];
    const items = Array.from({ length: 50 }, (_, i) => i);
    const mapped = track(
      ex.mapWithLimit(items, Infinity, async (n) => {
        started.push(clock.now());
        await sleep(100);
        return n * 2;
      }),
    );
    await clock.settle();
    expect(started.length, 'a limit of Infinity: all 50 calls should start at time 0').toBe(50);
    await clock.advance(100);
    expect(mapped.state() === 'resolved' && (mapped.value() as number[])[49] === 98, `mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe(true);
  });

  test('a limit of 1 runs the calls one after another', points(1, LIMIT), async () => {
    const work = timeline(clock);
    const mapped = track(ex.mapWithLimit(['x', 'y', 'z'], 1, (name) => work.run(name, async () => (await sleep(100), name.toUpperCase()))));
    await clock.advance(300);
    work.expect({ x: [0, 100], y: [100, 200], z: [200, 300] }, 'a limit of 1: one call after another');
    expect(mapped.outcome(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ resolved: ['X', 'Y', 'Z'], at: 300 });
  });

  test('uses no timer of its own: the next call starts in a microtask', points(2, { ...LIMIT, hint: 'Start the next call from the callback of the call that ended (then, or after an await), not with setTimeout or setImmediate.' }), async () => {
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const started: number[] = [];
    const mapped = track(
      ex.mapWithLimit([0, 1, 2], 1, (i) => {
        started.push(i);
        return gates[i]!.promise;
      }),
    );
    await clock.settle();
    gates[0]!.resolve('a');
    for (let i = 0; i < 20; i++) await null;
    expectList(started, [0, 1], 'calls started, a few microtasks after the first call ended (no timer may run in between)');
    gates[1]!.resolve('b');
    gates[2]!.resolve('c');
    await clock.settle();
    expect(mapped.outcome(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ resolved: ['a', 'b', 'c'], at: 0 });
    expect(clock.timersStarted(), 'timers started by mapWithLimit (the calls themselves start none here)').toBe(0);
  });

  test('fn may return a plain value or a thenable', points(1, LIMIT), async () => {
    const thenable = (value: string): PromiseLike<string> => ({
      then: (onFulfilled, onRejected) => new Promise<string>((resolve) => setTimeout(() => resolve(value), 100)).then(onFulfilled, onRejected),
    });
    const mapped = track(ex.mapWithLimit(['plain', 'thenable', 'plain too'], 2, (kind) => (kind === 'thenable' ? thenable(kind) : kind.toUpperCase())));
    await clock.advance(100);
    expect(mapped.outcome(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ resolved: ['PLAIN', 'thenable', 'PLAIN TOO'], at: 100 });
  });
});

describe('inputs and results', () => {
  test('calls fn once per item, in input order, with the item, its index and one shared signal', points(2, ORDER), async () => {
    const calls: string[] = [];
    const signals = new Set<AbortSignal>();
    const mapped = track(
      ex.mapWithLimit(['a', 'b', 'c', 'd'], 2, async (item, index, signal) => {
        calls.push(`${item}:${index}`);
        expect(signal instanceof AbortSignal, `fn's third argument should be an AbortSignal, got ${show(signal)}`).toBe(true);
        signals.add(signal);
        await sleep(index === 0 ? 300 : 100);
        return item;
      }),
    );
    await clock.advance(300);
    expect(inOrder(calls), 'fn should be called once per item, in input order, with (item, index)').toBe('a:0 → b:1 → c:2 → d:3');
    expect(signals.size, 'every call should get the same AbortSignal').toBe(1);
    expect(mapped.state(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe('resolved');
  });

  test('resolves with the results in input order, the moment the last call ends', points(3, ORDER), async () => {
    const mapped = track(
      ex.mapWithLimit([300, 100, 200, 50], 2, async (ms) => {
        await sleep(ms);
        return `${ms} ms`;
      }),
    );
    await clock.advance(349);
    expect(mapped.state(), 'the last call ends at 350 ms: mapWithLimit should still be pending at 349 ms').toBe('pending');
    await clock.advance(1);
    expect(mapped.outcome(), `results in input order at 350 ms; mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({
      resolved: ['300 ms', '100 ms', '200 ms', '50 ms'],
      at: 350,
    });
  });

  test('falsy results are results like any other', points(1, ORDER), async () => {
    const values = [undefined, 0, '', null, false, Number.NaN];
    const mapped = track(ex.mapWithLimit(values, 2, async (value, index) => (await sleep(10 * (6 - index)), value)));
    await clock.advance(300);
    expect(mapped.state(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe('resolved');
    const result = mapped.value() as unknown[];
    expect(result.length, `the result should have 6 entries, got ${show(result)}`).toBe(6);
    expect(
      values.every((value, i) => Object.is(result[i], value) && i in result),
      `falsy values are results: expected ${show(values)}, got ${show(result)}`,
    ).toBe(true);
  });

  test('resolves with a new array, and leaves an input array as it was', points(1, ORDER), async () => {
    const items = [1, 2, 3];
    const mapped = track(ex.mapWithLimit(items, 2, (n) => n * 10));
    await clock.settle();
    expect(mapped.value() !== items, 'mapWithLimit should resolve with a new array, not the input array').toBe(true);
    expect(mapped.value(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual([10, 20, 30]);
    expectList(items, [1, 2, 3], 'the input array afterwards');
  });

  test('no items: resolves with [] at once and never calls fn', points(1, ORDER), async () => {
    let calls = 0;
    const fn = (): number => ++calls;
    const fromArray = track(ex.mapWithLimit([], 3, fn));
    const fromSet = track(ex.mapWithLimit(new Set<number>(), 1, fn));
    await clock.settle();
    expect(fromArray.outcome(), `no items: mapWithLimit ${describeOutcome(fromArray.outcome())}`).toEqual({ resolved: [], at: 0 });
    expect(fromSet.outcome(), `an empty Set: mapWithLimit ${describeOutcome(fromSet.outcome())}`).toEqual({ resolved: [], at: 0 });
    expect(calls, 'fn should never be called without items').toBe(0);
    expect(clock.timersStarted(), 'timers started for an empty input').toBe(0);
  });

  test('accepts any iterable: a Set, a Map, a string, a generator', points(2, INPUT), async () => {
    function* numbers(): Generator<number> {
      yield 1;
      yield 2;
      yield 3;
    }
    const fromSet = track(ex.mapWithLimit(new Set(['x', 'y']), 1, async (s) => s.toUpperCase()));
    const fromMap = track(ex.mapWithLimit(new Map([['k', 1]]), 1, ([key, value]) => `${key}=${value}`));
    const fromString = track(ex.mapWithLimit('abc', 2, (ch, i) => `${ch}${i}`));
    const fromGenerator = track(ex.mapWithLimit(numbers(), 2, async (n) => (await sleep(n * 10), n * n)));
    await clock.advance(100);
    expect(fromSet.value(), `a Set: ${describeOutcome(fromSet.outcome())}`).toEqual(['X', 'Y']);
    expect(fromMap.value(), `a Map: ${describeOutcome(fromMap.outcome())}`).toEqual(['k=1']);
    expect(fromString.value(), `a string: ${describeOutcome(fromString.outcome())}`).toEqual(['a0', 'b1', 'c2']);
    expect(fromGenerator.value(), `a generator: ${describeOutcome(fromGenerator.outcome())}`).toEqual([1, 4, 9]);
  });

  test('reads the items once, completely, before it calls fn', points(2, INPUT), async () => {
    const log: string[] = [];
    let iterations = 0;
    const items: Iterable<number> = {
      *[Symbol.iterator]() {
        iterations++;
        for (const n of [1, 2, 3, 4]) {
          log.push(`read ${n}`);
          yield n;
        }
      },
    };
    const mapped = track(
      ex.mapWithLimit(items, 1, async (n) => {
        log.push(`call ${n}`);
        await sleep(10);
        return n;
      }),
    );
    await clock.advance(100);
    expect(inOrder(log), 'every item should be read before the first call').toBe('read 1 → read 2 → read 3 → read 4 → call 1 → call 2 → call 3 → call 4');
    expect(iterations, 'the iterable should be iterated exactly once').toBe(1);
    expect(mapped.value(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual([1, 2, 3, 4]);
  });

  test('an iterable that throws while being read makes it reject with what it threw', points(1, INPUT), async () => {
    const broken = new Error('cannot read item 2');
    function* items(): Generator<number> {
      yield 1;
      throw broken;
    }
    let calls = 0;
    let returned: Promise<unknown> | undefined;
    expect(() => {
      returned = ex.mapWithLimit(items(), 2, () => ++calls);
    }, 'mapWithLimit should never throw: a broken iterable is a rejection').not.toThrow();
    const mapped = track(returned!);
    await clock.settle();
    expect(mapped.outcome(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ rejected: broken, at: 0 });
    expect(calls, 'fn should not be called when the items cannot be read').toBe(0);
  });

  test('refuses a limit that is not a whole number of 1 or more, or Infinity, with a RangeError', points(2, { hint: 'Check the limit first: Number.isInteger(limit) && limit >= 1, or limit === Infinity; reject (do not throw) otherwise.', section: SECTION }), async () => {
    for (const limit of [0, -1, 1.5, Number.NaN, -Infinity, '2' as unknown as number]) {
      let read = 0;
      const items: Iterable<number> = {
        *[Symbol.iterator]() {
          read++;
          yield 1;
        },
      };
      let calls = 0;
      let returned: Promise<unknown> | undefined;
      expect(() => {
        returned = ex.mapWithLimit(items, limit, () => ++calls);
      }, `mapWithLimit(…, ${show(limit)}, …) should not throw: a bad limit is a rejection`).not.toThrow();
      const mapped = track(returned!);
      await clock.settle();
      expect(mapped.state() === 'rejected' && mapped.value() instanceof RangeError, `a limit of ${show(limit)}: mapWithLimit ${describeOutcome(mapped.outcome())}, expected a RangeError`).toBe(true);
      expect(calls, `a limit of ${show(limit)}: fn must not be called`).toBe(0);
      expect(read, `a limit of ${show(limit)}: the items must not be read`).toBe(0);
    }
  });
});

describe('the first failure', () => {
  test('rejects with the first failure’s error at that moment, without waiting for the calls in flight', points(3, FAILURE), async () => {
    const error = new RangeError('item 2 is bad');
    const mapped = track(
      ex.mapWithLimit([1000, 200, 1000], 3, async (ms, index) => {
        await sleep(ms);
        if (index === 1) throw error;
        return ms;
      }),
    );
    await clock.advance(199);
    expect(mapped.state(), 'nothing has failed at 199 ms').toBe('pending');
    await clock.advance(1);
    expect(mapped.outcome(), `the call for item 1 failed at 200 ms; mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ rejected: error, at: 200 });
  });

  test('starts no more calls after a failure, even when the calls in flight end later', points(3, FAILURE), async () => {
    const started: number[] = [];
    const mapped = track(
      ex.mapWithLimit([0, 1, 2, 3, 4, 5, 6], 3, async (n) => {
        started.push(n);
        await sleep(n === 0 ? 100 : 300);
        if (n === 0) throw new Error('first call failed');
        return n;
      }),
    );
    await clock.advance(100);
    expect(mapped.state(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe('rejected');
    await clock.advance(1000);
    expectList(started, [0, 1, 2], 'the calls started (call 0 failed at 100 ms while 1 and 2 were running)');
  });

  test('aborts the shared signal with an AbortError before it rejects', points(2, FAILURE), async () => {
    let signal: AbortSignal | undefined;
    const reasons: unknown[] = [];
    const abortedWhenRejected = ex
      .mapWithLimit([50, 500, 500], 3, async (ms, _index, s) => {
        signal = s;
        s.addEventListener('abort', () => reasons.push(s.reason), { once: true });
        await sleep(ms);
        if (ms === 50) throw new Error('short one failed');
      })
      .then(
        () => 'resolved',
        () => signal?.aborted,
      );
    const outcome = track(abortedWhenRejected);
    await clock.advance(49);
    expect(signal?.aborted, 'nothing has failed yet: the signal should not be aborted').toBe(false);
    await clock.advance(1);
    expect(outcome.value(), 'when mapWithLimit rejects, the signal of the calls in flight should already be aborted').toBe(true);
    const reason = signal?.reason as unknown;
    expect(reason instanceof DOMException && reason.name === 'AbortError', `the signal's reason should be a DOMException named AbortError, got ${show(reason)}`).toBe(true);
    expect(reasons.length, 'each of the three listeners should have seen the abort once').toBe(3);
  });

  test('rejects with the error as it is, even when it is not an Error', points(1, FAILURE), async () => {
    for (const error of [undefined, null, 'a string', 0, { code: 42 }]) {
      const mapped = track(
        ex.mapWithLimit([1, 2], 1, async () => {
          await sleep(10);
          throw error;
        }),
      );
      await clock.advance(10);
      expect(mapped.state() === 'rejected' && mapped.value() === error, `fn rejected with ${show(error)}; mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe(true);
    }
  });

  test('a synchronous throw in fn is a failure: a rejection, and no more calls', points(2, FAILURE), async () => {
    const error = new Error('thrown at once');
    const started: number[] = [];
    let returned: Promise<unknown> | undefined;
    expect(() => {
      returned = ex.mapWithLimit([0, 1, 2, 3], 2, (n) => {
        started.push(n);
        if (n === 0) throw error;
        return sleep(100).then(() => n);
      });
    }, 'mapWithLimit should never throw: a throw in fn is a rejection').not.toThrow();
    const mapped = track(returned!);
    await clock.advance(500);
    expect(mapped.outcome(), `fn threw for item 0; mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ rejected: error, at: 0 });
    expectList(started, [0], 'the calls started (the first one threw at once, so no other may start)');
  });

  test('a synchronous throw after the first call has started is a failure too: it aborts the signal and stops the calls', points(2, {
    ...FAILURE,
    hint: 'Call fn inside try/catch wherever you start a call (at the start and in the callback where a call ends), and send a throw to the same failure path as a rejection.',
  }), async () => {
    for (const throwing of [1, 2]) {
      const error = new Error(`item ${throwing} threw at once`);
      const started: number[] = [];
      let signal: AbortSignal | undefined;
      // limit 2: items 0 and 1 start at 0 ms; item 0 ends at 100 ms and item 2 starts then.
      const mapped = track(
        ex.mapWithLimit([0, 1, 2, 3, 4], 2, (n, _index, s) => {
          signal = s;
          started.push(n);
          if (n === throwing) throw error;
          return sleep(n === 0 ? 100 : 300).then(() => n);
        }),
      );
      const start = clock.now();
      const after = throwing === 1 ? 0 : 100;
      await clock.advance(after);
      const when = `fn threw for item ${throwing} at ${start + after} ms (this run started at ${start} ms)`;
      expect(mapped.outcome(), `${when}; mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ rejected: error, at: start + after });
      const reason = signal?.reason as unknown;
      expect(signal?.aborted === true && reason instanceof DOMException && reason.name === 'AbortError', `${when}: the shared signal should be aborted with an AbortError, but its reason is ${show(reason)}`).toBe(true);
      await clock.advance(1000);
      expectList(started, throwing === 1 ? [0, 1] : [0, 1, 2], `${when}: the calls started (none after the throw, even when the calls in flight end)`);
      await realTick();
      expect(unhandled.map(show), `${when}: rejections reported as unhandled`).toEqual([]);
    }
  });

  test('a failure with a falsy error (undefined, null, 0, an empty string) stops the calls like any other', points(1, {
    ...FAILURE,
    hint: 'Keep a separate boolean for "a call has failed"; the error itself may be undefined or any other falsy value.',
  }), async () => {
    for (const error of [undefined, null, 0, '', false]) {
      const start = clock.now();
      const started: number[] = [];
      let signal: AbortSignal | undefined;
      const mapped = track(
        ex.mapWithLimit([0, 1, 2, 3], 2, async (n, _index, s) => {
          signal = s;
          started.push(n);
          await sleep(n === 0 ? 10 : 20);
          if (n === 0) throw error;
          return n;
        }),
      );
      await clock.advance(10);
      expect(mapped.state() === 'rejected' && Object.is(mapped.value(), error) && mapped.settledAt() === start + 10, `call 0 rejected with ${show(error)} 10 ms after it started (at ${start + 10} ms); mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe(true);
      expect(signal?.aborted, `call 0 rejected with ${show(error)}: the shared signal should be aborted`).toBe(true);
      await clock.advance(100);
      expectList(started, [0, 1], `call 0 rejected with ${show(error)}: the calls started (call 1 ended 10 ms later and must not start call 2)`);
    }
  });

  test('the first failure in time wins, not the first item that fails', points(1, FAILURE), async () => {
    const late = new Error('item 0 failed at 300 ms');
    const early = new Error('item 1 failed at 100 ms');
    const mapped = track(
      ex.mapWithLimit([0, 1], 2, async (n) => {
        await sleep(n === 0 ? 300 : 100);
        throw n === 0 ? late : early;
      }),
    );
    await clock.advance(300);
    expect(mapped.outcome(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ rejected: early, at: 100 });
  });

  test('later outcomes of the calls in flight change nothing and are never unhandled', points(2, FAILURE), async () => {
    const first = new Error('first');
    const mapped = track(
      ex.mapWithLimit([0, 1, 2], 3, async (n, _index, signal) => {
        if (n === 0) {
          await sleep(100);
          throw first;
        }
        if (n === 1) {
          // rejects at once, in its abort listener
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted in flight')), { once: true }));
        }
        await sleep(500);
        throw new Error('failed much later');
      }),
    );
    await clock.advance(100);
    expect(mapped.outcome(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toEqual({ rejected: first, at: 100 });
    await clock.advance(1000);
    await realTick();
    await realTick();
    expect(mapped.value(), 'the first failure decides the outcome').toBe(first);
    expect(unhandled.map(show), 'rejections reported as unhandled').toEqual([]);
  });

  test('never aborts the signal when every call succeeds', points(1, FAILURE), async () => {
    let signal: AbortSignal | undefined;
    const mapped = track(
      ex.mapWithLimit([10, 20], 1, async (ms, _index, s) => {
        signal = s;
        await sleep(ms);
        return ms;
      }),
    );
    await clock.advance(30);
    expect(mapped.state(), `mapWithLimit ${describeOutcome(mapped.outcome())}`).toBe('resolved');
    await clock.advance(1000);
    expect(signal?.aborted, 'every call succeeded: the signal should never be aborted').toBe(false);
  });
});
