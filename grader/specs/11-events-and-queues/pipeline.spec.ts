// Hidden spec of 11-events-and-queues/pipeline: a producer/consumer pipeline with backpressure.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. source is any Iterable or AsyncIterable; items passed to fn as they are (a sync iterable's
//     promises are not awaited), with their index.
//       - reads an array, a Set, a generator and an async generator alike
//       - passes each item as it is, with its position in the source as index
//  2. Backpressure: one next() at a time, and only while fewer than maxsize items wait in the buffer:
//     workers + maxsize next() calls at the start with busy consumers, one more per item taken.
//       - a fast source is never more than maxsize items ahead of busy consumers
//       - with several workers, the source is read workers + maxsize items ahead at the start
//       - calls next() only once the previous next() has settled
//       - with maxsize 1, the producer waits for each item to be taken before it reads the next
//  3. No idling: reads as soon as there is room; a free consumer calls fn on a read item at the same
//     virtual time; at most workers calls at once; calls start in source order; each item once.
//       - never runs more than workers calls of fn at once, and starts each one as soon as it can
//       - a consumer starts on an item as soon as a slow source delivers it
//       - calls fn exactly once per item, in source order
//       - uses no timers
//  4. Resolves, once the source is done and every call has finished, with fn's results in source
//     order (values or promises); an empty source resolves with [] without calling fn.
//       - resolves with the results in source order, once the last call has finished
//       - fn may return plain values, promises or thenables, falsy ones too
//       - an empty source resolves with [] without calling fn
//       - waits for the last call even after the source is done
//  5. First error (fn throws or rejects; next() throws or rejects; getting the iterator throws):
//     rejects with that very error at that moment, reads and starts nothing more (an item that
//     arrives after is dropped); running calls are ignored, never unhandled.
//       - rejects with fn's very error at the moment it fails, and starts nothing more
//       - a synchronous throw in fn is a failure too, even one that is not an Error
//       - reads nothing more from the source after a failure
//       - what calls still running do after a failure is ignored, and never an unhandled rejection
//       - a source whose next() rejects or throws makes pipeline reject with that error
//       - a source whose iterator cannot be made makes pipeline reject with that error
//       - an item that a slow source delivers after the failure is never passed to fn
//  6. Closing the source: on a failure before done, when next() did not fail, return() exactly once
//     (however many calls fail after); never otherwise (on success, after done, after next() failed).
//       - calls return() of the source once when it stops early, so a generator's finally runs
//       - calls return() only once, however many calls fail after the first
//       - never calls return() of a source it has read to the end, when it resolves
//       - does not call return() of a source that has finished or whose next() failed
//  7. maxsize or workers not a whole number ≥ 1: rejects with a RangeError without calling next();
//     pipeline never throws.
//       - maxsize and workers must be whole numbers, 1 or more: anything else rejects with a RangeError
//       - workers defaults to 1
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, describeOutcome, expectList, loadExercise, points, show, type Tracked, timeline, track, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/11-events-and-queues/pipeline.ts')>('11-events-and-queues/pipeline', ['pipeline']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function expectResolved(outcome: Tracked<unknown>, at: number, what: string, value: unknown): void {
  const expected = describeOutcome({ resolved: value, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `${what} should have ${expected}, but it ${actual}`).toBe(expected);
}

function expectRejectedWith(outcome: Tracked<unknown>, reason: unknown, at: number, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && Object.is(o.rejected, reason) && o.at === at;
  expect(ok, `${what} should have rejected with ${show(reason)} itself at ${at} ms, but it ${describeOutcome(o)}`).toBe(true);
}

/**
 * A source of `count` numbers that records every next() call: when it was made, and how many
 * next() calls were in flight then. Each next() takes `ms` (0: an instant async source).
 */
function recordingSource(count: number, ms = 0) {
  const calls: number[] = [];
  let inFlight = 0;
  let most = 0;
  let returned = 0;
  let i = 0;
  const iterator: AsyncIterator<number> = {
    next: () => {
      calls.push(clock.now());
      inFlight++;
      most = Math.max(most, inFlight);
      const value = i++;
      const settle = (): IteratorResult<number> => {
        inFlight--;
        return value < count ? { done: false, value } : { done: true, value: undefined };
      };
      return ms > 0 ? wait(ms).then(settle) : Promise.resolve().then(settle);
    },
    return: () => {
      returned++;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return { source: { [Symbol.asyncIterator]: () => iterator }, calls, most: () => most, returned: () => returned };
}

/** fn that takes `ms` per item and resolves with the item times 10, recorded on a timeline. */
function timed(work: ReturnType<typeof timeline>, ms: number | ((item: number) => number)) {
  return (item: number) => work.run(`item ${item}`, () => wait(typeof ms === 'number' ? ms : ms(item)).then(() => item * 10));
}

describe('sources', () => {
  test('reads an array, a Set, a generator and an async generator alike', points(3), async () => {
    function* gen() {
      yield 1;
      yield 2;
      yield 3;
    }
    async function* agen() {
      yield 1;
      await wait(10);
      yield 2;
      yield 3;
    }
    const double = (n: number) => n * 2;
    const runs = [
      track(ex.pipeline([1, 2, 3], double, { maxsize: 1 })),
      track(ex.pipeline(new Set([1, 2, 3]), double, { maxsize: 2 })),
      track(ex.pipeline(gen(), double, { maxsize: 1, workers: 2 })),
      track(ex.pipeline(agen(), double, { maxsize: 3 })),
    ];
    await clock.advance(10);
    for (const [i, what] of ['an array', 'a Set', 'a generator', 'an async generator'].entries()) expectResolved(runs[i]!, i === 3 ? 10 : 0, `pipeline over ${what}`, [2, 4, 6]);
  });

  test('passes each item as it is, with its position in the source as index', points(2), async () => {
    const item = { id: 'same object' };
    const items: unknown[] = [item, undefined, 0, null, 'x'];
    const seen: unknown[][] = [];
    const run = track(
      ex.pipeline(items, (value, index) => {
        seen.push([value, index]);
        return index;
      }, { maxsize: 2, workers: 2 }),
    );
    await clock.settle();
    expectResolved(run, 0, 'pipeline', [0, 1, 2, 3, 4]);
    expect(seen[0]?.[0] === item, 'fn should get the very item object').toBe(true);
    const promise = Promise.resolve('what the promise holds');
    const thenable = { then: (resolve: (v: string) => void) => resolve('what the thenable holds') };
    const got: unknown[] = [];
    const second = track(ex.pipeline([promise, thenable], (value: unknown) => got.push(value), { maxsize: 1 }));
    await clock.settle();
    expect(second.state(), `pipeline over [a promise, a thenable]: ${describeOutcome(second.outcome())}`).toBe('resolved');
    expect(got.length === 2 && got[0] === promise && got[1] === thenable, `fn should get the promise and the thenable themselves (a sync iterable's items are not awaited), but it got ${show(got)}`).toBe(true);
    expect(seen, 'the (item, index) pairs fn was called with').toEqual([
      [item, 0],
      [undefined, 1],
      [0, 2],
      [null, 3],
      ['x', 4],
    ]);
  });
});

describe('backpressure', () => {
  test(
    'a fast source is never more than maxsize items ahead of busy consumers',
    points(4, { hint: 'Read the next item only while fewer than maxsize items wait in your buffer; when a consumer takes one out, read again.' }),
    async () => {
      const src = recordingSource(8);
      const work = timeline(clock);
      const run = track(ex.pipeline(src.source, timed(work, 100), { maxsize: 2 }));
      await clock.settle();
      expectList(src.calls, [0, 0, 0], 'the times of the next() calls at the start (1 for the worker, 2 for the buffer)');
      await clock.advance(100);
      expectList(src.calls, [0, 0, 0, 100], 'the times of the next() calls once the worker took item 1 from the buffer');
      await clock.advance(700);
      expectList(src.calls, [0, 0, 0, 100, 200, 300, 400, 500, 600], 'the times of every next() call (the last one says done)');
      expectResolved(run, 800, 'pipeline', [0, 10, 20, 30, 40, 50, 60, 70]);
      work.expect(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`item ${i}`, [i * 100, i * 100 + 100]])), 'one worker should handle the items one after another, without a gap');
    },
  );

  test('with several workers, the source is read workers + maxsize items ahead at the start', points(2), async () => {
    const src = recordingSource(20);
    const run = track(ex.pipeline(src.source, (n: number) => wait(100).then(() => n), { maxsize: 3, workers: 2 }));
    await clock.settle();
    expect(src.calls.length, 'next() calls at the start, with 2 workers and maxsize 3').toBe(5);
    await clock.advance(100);
    expect(src.calls.length, 'next() calls once both workers took an item from the buffer').toBe(7);
    await clock.runAll();
    expect(run.state(), describeOutcome(run.outcome())).toBe('resolved');
  });

  test('calls next() only once the previous next() has settled', points(2), async () => {
    const src = recordingSource(6, 30);
    const run = track(ex.pipeline(src.source, (n: number) => n, { maxsize: 4, workers: 2 }));
    await clock.advance(30 * 7);
    expect(src.most(), 'next() calls in flight at once').toBe(1);
    expectList(src.calls, [0, 30, 60, 90, 120, 150, 180], 'the times of the next() calls of a source that takes 30 ms per item');
    expectResolved(run, 210, 'pipeline', [0, 1, 2, 3, 4, 5]);
  });

  test('with maxsize 1, the producer waits for each item to be taken before it reads the next', async () => {
    const read: string[] = [];
    async function* items() {
      for (let i = 0; i < 4; i++) {
        read.push(`read ${i}@${clock.now()}`);
        yield i;
      }
    }
    const run = track(ex.pipeline(items(), (n: number) => wait(50).then(() => n), { maxsize: 1 }));
    await clock.advance(200);
    expectList(read, ['read 0@0', 'read 1@0', 'read 2@50', 'read 3@100'], 'when the generator produced each item');
    expectResolved(run, 200, 'pipeline', [0, 1, 2, 3]);
  });
});

describe('consumers', () => {
  test('never runs more than workers calls of fn at once, and starts each one as soon as it can', points(3), async () => {
    const work = timeline(clock);
    const durations = [300, 100, 200, 100, 100];
    const run = track(ex.pipeline([0, 1, 2, 3, 4], timed(work, (i) => durations[i]!), { maxsize: 5, workers: 2 }));
    await clock.advance(400);
    work.expect({ 'item 0': [0, 300], 'item 1': [0, 100], 'item 2': [100, 300], 'item 3': [300, 400], 'item 4': [300, 400] }, 'two workers: each free worker takes the oldest item at once');
    expectResolved(run, 400, 'pipeline', [0, 10, 20, 30, 40]);
  });

  test('a consumer starts on an item as soon as a slow source delivers it', points(2), async () => {
    const src = recordingSource(3, 100);
    const work = timeline(clock);
    const run = track(ex.pipeline(src.source, timed(work, 50), { maxsize: 2, workers: 1 }));
    await clock.advance(400);
    work.expect({ 'item 0': [100, 150], 'item 1': [200, 250], 'item 2': [300, 350] }, 'each item should start the moment the source delivers it');
    expectResolved(run, 400, 'pipeline', [0, 10, 20]);
  });

  test('calls fn exactly once per item, in source order', points(2), async () => {
    const calls: number[] = [];
    const run = track(
      ex.pipeline(Array.from({ length: 12 }, (_, i) => i), (n: number) => {
        calls.push(n);
        return wait(10 + ((n * 7) % 5) * 10).then(() => n);
      }, { maxsize: 2, workers: 3 }),
    );
    await clock.runAll();
    expectList(calls, Array.from({ length: 12 }, (_, i) => i), 'the items fn was called with, in call order');
    expectResolved(run, run.settledAt() ?? -1, 'pipeline', Array.from({ length: 12 }, (_, i) => i));
  });

  test('uses no timers', async () => {
    const run = track(ex.pipeline([1, 2, 3, 4, 5], (n: number) => Promise.resolve(n), { maxsize: 1, workers: 2 }));
    await clock.settle();
    expectResolved(run, 0, 'pipeline of instant calls', [1, 2, 3, 4, 5]);
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });
});

describe('results', () => {
  test('resolves with the results in source order, once the last call has finished', points(3), async () => {
    const work = timeline(clock);
    const run = track(ex.pipeline([0, 1, 2], timed(work, (i) => [300, 100, 200][i]!), { maxsize: 1, workers: 3 }));
    await clock.advance(299);
    expect(run.state(), 'pipeline while item 0 is still running').toBe('pending');
    await clock.advance(1);
    expectResolved(run, 300, 'pipeline', [0, 10, 20]);
  });

  test('fn may return plain values, promises or thenables, falsy ones too', points(2), async () => {
    const outputs: unknown[] = [undefined, 0, '', null, false, 'promise', 'thenable'];
    const run = track(
      ex.pipeline([0, 1, 2, 3, 4, 5, 6], (i: number) => {
        if (i === 5) return wait(10).then(() => 'promise');
        if (i === 6) return { then: (resolve: (v: unknown) => void) => resolve('thenable') } as PromiseLike<unknown>;
        return outputs[i];
      }, { maxsize: 2, workers: 2 }),
    );
    await clock.advance(10);
    expectResolved(run, 10, 'pipeline', outputs);
  });

  test('an empty source resolves with [] without calling fn', points(2), async () => {
    let calls = 0;
    async function* none() {}
    const runs = [track(ex.pipeline([], () => ++calls, { maxsize: 1 })), track(ex.pipeline(none(), () => ++calls, { maxsize: 3, workers: 4 }))];
    await clock.settle();
    expectResolved(runs[0]!, 0, 'pipeline of []', []);
    expectResolved(runs[1]!, 0, 'pipeline of an empty async generator', []);
    expect(calls, 'calls of fn').toBe(0);
  });

  test('waits for the last call even after the source is done', async () => {
    const src = recordingSource(2);
    const run = track(ex.pipeline(src.source, (n: number) => wait(n === 1 ? 500 : 10).then(() => n), { maxsize: 3, workers: 2 }));
    await clock.advance(499);
    expect(src.calls.length, 'next() calls (the third says done)').toBe(3);
    expect(run.state(), 'pipeline while the last call runs').toBe('pending');
    await clock.advance(1);
    expectResolved(run, 500, 'pipeline', [0, 1]);
  });
});

describe('failures', () => {
  test(
    'rejects with fn’s very error at the moment it fails, and starts nothing more',
    points(3, { hint: 'Keep a `failed` flag: set it at the first error, reject, and check it before every read and every new call.' }),
    async () => {
      const error = new RangeError('item 2 is bad');
      const started: number[] = [];
      const run = track(
        ex.pipeline([0, 1, 2, 3, 4, 5], (n: number) => {
          started.push(n);
          return n === 2 ? wait(50).then(() => Promise.reject(error)) : wait(100).then(() => n);
        }, { maxsize: 2, workers: 3 }),
      );
      await clock.advance(50);
      expectRejectedWith(run, error, 50, 'pipeline');
      await clock.advance(500);
      expectList(started, [0, 1, 2], 'the items fn was called with');
    },
  );

  test('a synchronous throw in fn is a failure too, even one that is not an Error', points(2), async () => {
    for (const thrown of [new Error('at once'), 'a string', undefined]) {
      let calls = 0;
      let run: Promise<unknown> | undefined;
      expect(() => {
        run = ex.pipeline([1, 2, 3], (n: number) => {
          calls++;
          if (n === 1) throw thrown;
          return n;
        }, { maxsize: 1 });
      }, 'pipeline should never throw').not.toThrow();
      const outcome = track(run!);
      await clock.settle();
      expectRejectedWith(outcome, thrown, 0, `pipeline whose fn throws ${show(thrown)}`);
      expect(calls, 'calls of fn').toBe(1);
    }
  });

  test('reads nothing more from the source after a failure', points(2), async () => {
    const src = recordingSource(100);
    const run = track(ex.pipeline(src.source, (n: number) => (n === 1 ? wait(20).then(() => Promise.reject(new Error('no'))) : wait(100).then(() => n)), { maxsize: 2, workers: 2 }));
    await clock.advance(20);
    const readAtFailure = src.calls.length;
    expect(run.state(), 'pipeline once item 1 failed').toBe('rejected');
    await clock.advance(1000);
    expect(src.calls.length, 'next() calls after the failure').toBe(readAtFailure);
    expect(readAtFailure, 'next() calls before the failure (2 workers + maxsize 2)').toBe(4);
  });

  test('what calls still running do after a failure is ignored, and never an unhandled rejection', points(2), async () => {
    const first = new Error('first');
    const run = track(
      ex.pipeline([0, 1, 2], (n: number) => wait(10 * (n + 1)).then(() => Promise.reject(n === 0 ? first : new Error(`later ${n}`))), { maxsize: 1, workers: 3 }),
    );
    await clock.advance(100);
    expectRejectedWith(run, first, 10, 'pipeline');
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('a source whose next() rejects or throws makes pipeline reject with that error', points(2), async () => {
    const error = new Error('source broke');
    async function* breaks() {
      yield 1;
      await wait(30);
      throw error;
    }
    const seen: number[] = [];
    const run = track(ex.pipeline(breaks(), (n: number) => wait(100).then(() => seen.push(n)), { maxsize: 2 }));
    await clock.advance(30);
    expectRejectedWith(run, error, 30, 'pipeline over an async generator that throws');
    const throwing: Iterable<number> = {
      [Symbol.iterator]: () => ({
        next: () => {
          throw 'next() threw';
        },
      }),
    };
    const sync = track(ex.pipeline(throwing, (n: number) => n, { maxsize: 1 }));
    await clock.settle();
    expectRejectedWith(sync, 'next() threw', 30, 'pipeline over an iterator whose next() throws');
  });

  test('a source whose iterator cannot be made makes pipeline reject with that error', points(2, { hint: 'Get the iterator inside a try, and reject with what it threw, as it is: a source that cannot even give an iterator is the first error.', section: 'producer-and-consumers-a-pipeline' }), async () => {
    const error = new Error('no iterator');
    const bad = {
      [Symbol.iterator]: (): Iterator<number> => {
        throw error;
      },
    };
    const badAsync = {
      [Symbol.asyncIterator]: (): AsyncIterator<number> => {
        throw 'no async iterator';
      },
    };
    for (const [source, thrown, what] of [
      [bad, error, 'an iterable whose [Symbol.iterator]() throws'],
      [badAsync, 'no async iterator', 'an async iterable whose [Symbol.asyncIterator]() throws'],
    ] as const) {
      let calls = 0;
      let run: Promise<unknown> | undefined;
      expect(() => (run = ex.pipeline(source as Iterable<number> | AsyncIterable<number>, () => ++calls, { maxsize: 1 })), `pipeline over ${what} should not throw`).not.toThrow();
      const outcome = track(run!);
      await clock.settle();
      expectRejectedWith(outcome, thrown, 0, `pipeline over ${what}`);
      expect(calls, `calls of fn, over ${what}`).toBe(0);
    }
  });

  test('calls return() of the source once when it stops early, so a generator’s finally runs', points(2), async () => {
    const src = recordingSource(50);
    const run = track(ex.pipeline(src.source, (n: number) => (n === 0 ? Promise.reject(new Error('stop')) : n), { maxsize: 1 }));
    await clock.settle();
    expect(run.state(), 'pipeline').toBe('rejected');
    expect(src.returned(), 'return() calls of the source iterator').toBe(1);
    const log: string[] = [];
    function* gen() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        log.push('finally ran');
      }
    }
    const second = track(ex.pipeline(gen(), (n: number) => (n === 2 ? Promise.reject(new Error('stop')) : n), { maxsize: 1, workers: 3 }));
    await clock.settle();
    expect(second.state(), 'pipeline over an endless generator').toBe('rejected');
    expectList(log, ['finally ran'], "what the generator's finally did");
  });

  test('never calls return() of a source it has read to the end, when it resolves', points(2, { hint: 'return() is for stopping a source early, as a `break` out of `for await` does; a source that has said done is closed already, so leave it alone when the pipeline resolves.', section: 'producer-and-consumers-a-pipeline' }), async () => {
    const src = recordingSource(3);
    const run = track(ex.pipeline(src.source, (n: number) => wait(10).then(() => n), { maxsize: 1, workers: 2 }));
    await clock.advance(100);
    expectResolved(run, 20, 'pipeline', [0, 1, 2]);
    expect(src.returned(), 'return() calls of a source read to the end, once pipeline resolved').toBe(0);
    let returned = 0;
    const items = [1, 2][Symbol.iterator]();
    const sync: Iterable<number> = {
      [Symbol.iterator]: () => ({
        next: () => items.next(),
        return: () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    };
    const second = track(ex.pipeline(sync, (n: number) => n, { maxsize: 1 }));
    await clock.settle();
    expectResolved(second, 100, 'pipeline over a sync iterator', [1, 2]);
    expect(returned, 'return() calls of a sync iterator read to the end').toBe(0);
  });

  test('does not call return() of a source that has finished or whose next() failed', async () => {
    const src = recordingSource(2);
    const run = track(ex.pipeline(src.source, (n: number) => (n === 1 ? wait(50).then(() => Promise.reject(new Error('late'))) : n), { maxsize: 2 }));
    await clock.advance(50);
    expect(run.state(), 'pipeline').toBe('rejected');
    expect(src.returned(), 'return() calls of a source that had said done').toBe(0);
    let returned = 0;
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('next failed')),
        return: () => {
          returned++;
          return Promise.resolve({ done: true, value: undefined });
        },
      }),
    };
    const second = track(ex.pipeline(failing, (n: number) => n, { maxsize: 1 }));
    await clock.settle();
    expect(second.state(), 'pipeline over a source whose next() rejects').toBe('rejected');
    expect(returned, 'return() calls of a source whose next() rejected').toBe(0);
    let read = 0;
    const throwing: Iterable<number> = {
      [Symbol.iterator]: () => ({
        next: () => {
          if (read++ === 1) throw new Error('next threw');
          return { done: false, value: read };
        },
        return: () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    };
    const third = track(ex.pipeline(throwing, (n: number) => wait(100).then(() => n), { maxsize: 2 }));
    await clock.settle();
    expect(third.state(), 'pipeline over an iterator whose second next() throws').toBe('rejected');
    expect(returned, 'return() calls of an iterator whose next() threw').toBe(0);
  });

  test('calls return() only once, however many calls fail after the first', points(2, { hint: 'Only the first error counts: once the pipeline has failed, a later failure of a call still running must neither reject again nor close the source again.', section: 'producer-and-consumers-a-pipeline' }), async () => {
    const src = recordingSource(100);
    const first = new Error('first');
    const run = track(ex.pipeline(src.source, (n: number) => wait(10 * (n + 1)).then(() => Promise.reject(n === 0 ? first : new Error(`later ${n}`))), { maxsize: 1, workers: 3 }));
    await clock.advance(100);
    expectRejectedWith(run, first, 10, 'pipeline');
    expect(src.returned(), 'return() calls of the source, after three calls failed one after another').toBe(1);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('an item that a slow source delivers after the failure is never passed to fn', points(2, { hint: 'When a next() settles after the pipeline has failed, drop what it delivered: start no call for it, and read no further.', section: 'producer-and-consumers-a-pipeline' }), async () => {
    const src = recordingSource(10, 100);
    const started: number[] = [];
    const errors = new Map<number, Error>();
    const run = track(
      ex.pipeline(src.source, (n: number) => {
        started.push(n);
        const error = new Error(`item ${n} failed`);
        errors.set(n, error);
        return wait(50).then(() => Promise.reject(error));
      }, { maxsize: 1, workers: 2 }),
    );
    await clock.advance(150);
    expectRejectedWith(run, errors.get(0), 150, 'pipeline, whose item 0 failed at 150 ms while the source was still reading item 1');
    expectList(src.calls, [0, 100], 'the times of the next() calls (the second was in flight at the failure)');
    await clock.advance(500);
    expectList(started, [0], 'the items fn was called with (item 1 arrived at 200 ms, after the failure)');
    expectList(src.calls, [0, 100], 'the times of the next() calls, long after the failure');
  });
});

describe('options', () => {
  test('maxsize and workers must be whole numbers, 1 or more: anything else rejects with a RangeError', points(2), async () => {
    for (const options of [{ maxsize: 0 }, { maxsize: -1 }, { maxsize: 1.5 }, { maxsize: Number.NaN }, { maxsize: 1, workers: 0 }, { maxsize: 1, workers: 2.5 }, { maxsize: 1, workers: -3 }]) {
      const src = recordingSource(3);
      let run: Promise<unknown> | undefined;
      expect(() => (run = ex.pipeline(src.source, (n: number) => n, options)), `pipeline(…, ${JSON.stringify(options)}) should not throw`).not.toThrow();
      const outcome = track(run!);
      await clock.settle();
      expect(outcome.value() instanceof RangeError, `pipeline(…, ${show(options)}) should reject with a RangeError, but it ${describeOutcome(outcome.outcome())}`).toBe(true);
      expect(src.calls.length, `next() calls with ${show(options)}`).toBe(0);
    }
  });

  test('workers defaults to 1', async () => {
    const work = timeline(clock);
    const run = track(ex.pipeline([0, 1], timed(work, 100), { maxsize: 5 }));
    await clock.advance(200);
    work.expect({ 'item 0': [0, 100], 'item 1': [100, 200] }, 'one worker by default: one item after the other');
    expectResolved(run, 200, 'pipeline', [0, 10]);
  });
});
