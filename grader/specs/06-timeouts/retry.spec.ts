// Hidden spec of retry(fn, options).
//
// Clauses of the stub's doc comment (and of RetryOptions), each with the tests that fail when only
// that clause is broken:
//
//  1. `attempt` counts from 1; `signal` is options.signal, or else an AbortSignal that never aborts.
//       - passes the attempt number, counting from 1
//       - passes options.signal to every attempt, or a signal that is not aborted when none is given
//  2. The first attempt starts at once: fn is called before retry returns.
//       - calls fn for the first time before retry returns, without waiting for any timer
//       - a first attempt that succeeds is the only one, with no wait
//  3. An attempt fails when fn's promise (any thenable) rejects, or when fn throws synchronously.
//       - a synchronous throw in fn counts as a failed attempt
//       - fn may return any thenable, not only a Promise
//  4. After attempt n fails (and another is allowed) it waits min(baseDelayMs × factor^(n−1),
//     maxDelayMs), measured with setTimeout from the moment of the failure, then starts n + 1.
//     Default factor 2; 0 is a cap like any other; no cap by default.
//       - waits baseDelayMs × factor^(n−1) after the n-th failure: attempts at 0, 100, 300 and 700 ms
//       - uses the factor it is given: with factor 3, attempts at 0, 100, 400 and 1300 ms
//       - counts each wait from the failure, not from the start of the attempt
//       - maxDelayMs caps every wait: 100, then 500, 500 instead of 1000, 10000
//       - maxDelayMs of 0 makes every wait 0 ms
//  5. Jitter: each wait (capped first) is multiplied by one new random() value, drawn when that wait
//     begins, one call per wait and none otherwise; true means Math.random, a function is the source.
//       - a jitter function multiplies each wait by the value it returns
//       - a random value of 0 makes that wait 0 ms
//       - the random source is called once per wait, and not after the last failure
//       - the random source is called when each wait begins, and never without a wait
//       - jitter applies to the capped wait: maxDelayMs first, then the random factor
//       - jitter: true draws from Math.random, and no jitter never does
//  6. As soon as an attempt succeeds, retry resolves with its value and makes no further attempt.
//       - resolves with the value of the first attempt that succeeds, and makes no further attempt
//       - resolves with falsy values as they are: undefined, 0, null
//  7. When the last allowed attempt fails, it rejects at once (no wait) with that attempt's error,
//     unchanged, whatever it is.
//       - when every attempt fails, rejects with the error of the last attempt, not the first
//       - rejects as soon as the last attempt fails, with no wait after it and no timer left
//       - never makes more attempts than attempts allows
//       - attempts: 1 makes one try and rejects with its error at once
//       - rejects with the last error unchanged even when it is not an Error: undefined, null, a string
//  8. shouldRetry(error, attempt) returning false makes that attempt the last one (whether it is
//     asked about the last allowed attempt is free).
//       - shouldRetry returning false stops at once with that error, without a wait
//       - shouldRetry receives the error and the attempt number
//  9. If shouldRetry or the random source throws, retry rejects with what it threw.
//       - a shouldRetry that throws makes retry reject with what it threw, leaving nothing behind
//       - a random source that throws makes retry reject with what it threw, leaving nothing behind
// 10. attempts that is not a whole number of at least 1 (Infinity included): a RangeError, without
//     calling fn.
//       - attempts that is not a whole number of at least 1 rejects with a RangeError without calling fn
// 11. An already-aborted options.signal: rejects with signal.reason without calling fn.
//       - an already-aborted signal rejects with its reason without calling fn
//       - the abort reason is used as it is: a string, null
// 12. An abort during a wait: rejects with signal.reason at that moment and clears the wait's timer.
//       - aborting during a wait rejects with signal.reason at that moment
//       - aborting during a wait clears its timer and makes no further attempt
//       - the abort reason is used as it is: a string, null
// 13. An abort during an attempt: rejects with signal.reason at that moment, without waiting for the
//     attempt, and ignores whatever it does from the abort on (even a rejection inside its abort
//     listener); no further attempt either way.
//       - aborting during an attempt rejects with signal.reason at once, and ignores a later success
//       - an attempt that rejects with its own error inside its abort listener does not count: retry rejects with the reason
//       - an attempt that fails after the abort is not retried, and its failure is not unhandled
// 14. retry never throws: every failure is a rejection.
//       - attempts that is not a whole number of at least 1 rejects with a RangeError without calling fn
//       - an already-aborted signal rejects with its reason without calling fn
// 15. Nothing is left behind: no timer, no abort listener on options.signal once settled (whichever
//     way), no unhandled rejection.
//       - rejects as soon as the last attempt fails, with no wait after it and no timer left
//       - leaves no abort listener on the signal once it has succeeded or given up
//       - leaves no abort listener on the signal after an abort during an attempt or a wait
//       - aborting during a wait clears its timer and makes no further attempt
//       - an attempt that fails after the abort is not retried, and its failure is not unhandled
import { getEventListeners } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime, type Tracked } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/retry.ts')>('06-timeouts/retry', ['retry']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

type Fn<T> = (attempt: number, signal: AbortSignal) => PromiseLike<T>;
type Options = Parameters<typeof ex.retry>[1];

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Calls retry, failing with a clear message if it throws instead of returning a promise. */
function start<T>(fn: Fn<T>, options: Options): Tracked<T> {
  let returned: Promise<T> | undefined;
  expect(() => {
    returned = ex.retry(fn, options);
  }, 'retry should never throw: every failure should be a rejection of the promise it returns').not.toThrow();
  return track(returned!);
}

/** How a tracked retry stands, in words, for failure messages. */
function describeOutcome(tracked: Tracked<unknown>): string {
  const outcome = tracked.outcome();
  if (outcome === 'pending') return 'retry is still pending';
  if ('resolved' in outcome) return `retry resolved at ${outcome.at} ms with ${show(outcome.resolved)}`;
  return `retry rejected at ${outcome.at} ms with ${show(outcome.rejected)}`;
}

function show(value: unknown): string {
  if (value instanceof DOMException) return `a DOMException named ${value.name}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * A flaky operation: attempt n fails with `Error('failure n')` unless n is in `succeedOn`, in which
 * case it resolves with `'ok n'`. Each attempt takes `ms` of virtual time (0: settles at once) and
 * ignores its signal. `log` records `attempt@time`, time counted from the call of flaky(); `errors`
 * keeps every error thrown.
 */
function flaky(options: { succeedOn?: number[]; ms?: number } = {}) {
  const { succeedOn = [], ms = 0 } = options;
  const createdAt = clock.now();
  const log: string[] = [];
  const errors: Error[] = [];
  const signals: AbortSignal[] = [];
  const fn = (attempt: number, signal: AbortSignal): Promise<string> => {
    log.push(`${attempt}@${clock.now() - createdAt}`);
    signals.push(signal);
    const outcome = (): Promise<string> => {
      if (succeedOn.includes(attempt)) return Promise.resolve(`ok ${attempt}`);
      const error = new Error(`failure ${attempt}`);
      errors.push(error);
      return Promise.reject(error);
    };
    if (ms === 0) return outcome();
    return new Promise((resolve) => setTimeout(resolve, ms)).then(outcome);
  };
  return { fn, log, errors, signals };
}

/** A random source that returns the given values in turn, and records when it was called. */
function randomFrom(values: number[]): { random: () => number; calls: () => number; calledAt: number[] } {
  const calledAt: number[] = [];
  return {
    random: () => {
      calledAt.push(clock.now());
      return values[(calledAt.length - 1) % values.length]!;
    },
    calls: () => calledAt.length,
    calledAt,
  };
}

/** `promise` seen through a thenable that has only `then` (no catch, no finally), whose `then` returns another such thenable. */
function bare<T>(promise: PromiseLike<T>): PromiseLike<T> {
  return {
    then: (onFulfilled, onRejected) => bare(promise.then(onFulfilled, onRejected)),
  };
}

describe('trying again', () => {
  test('resolves with the value of the first attempt that succeeds, and makes no further attempt', points(2), async () => {
    const op = flaky({ succeedOn: [3] });
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100 });
    await clock.runAll();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'ok 3', at: 300 });
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0', '2@100', '3@300']);
  });

  test('a first attempt that succeeds is the only one, with no wait', async () => {
    const op = flaky({ succeedOn: [1] });
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100 });
    await clock.settle();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'ok 1', at: 0 });
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0']);
    expect(clock.pendingTimers(), 'timers still pending after retry resolved').toBe(0);
  });

  test('calls fn for the first time before retry returns, without waiting for any timer', async () => {
    const timersAtCall: number[] = [];
    const retrying = start(
      () => {
        timersAtCall.push(clock.timersStarted());
        return Promise.resolve('first');
      },
      { attempts: 3, baseDelayMs: 100 },
    );
    expect(timersAtCall.length, 'fn should have been called once by the time retry returned').toBe(1);
    expect(timersAtCall[0], 'timers started before the first attempt (it should start at once)').toBe(0);
    await clock.settle();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'first', at: 0 });
  });

  test('waits baseDelayMs × factor^(n−1) after the n-th failure: attempts at 0, 100, 300 and 700 ms', points(3), async () => {
    const op = flaky();
    start(op.fn, { attempts: 4, baseDelayMs: 100 });
    await clock.advance(99);
    expect(op.log, 'attempts made by 99 ms (attempt@virtual ms)').toEqual(['1@0']);
    await clock.advance(1);
    expect(op.log, 'attempts made by 100 ms (attempt@virtual ms)').toEqual(['1@0', '2@100']);
    await clock.runAll();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0', '2@100', '3@300', '4@700']);
  });

  test('uses the factor it is given: with factor 3, attempts at 0, 100, 400 and 1300 ms', async () => {
    const op = flaky();
    start(op.fn, { attempts: 4, baseDelayMs: 100, factor: 3 });
    await clock.runAll();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0', '2@100', '3@400', '4@1300']);
  });

  test('counts each wait from the failure, not from the start of the attempt', async () => {
    const op = flaky({ ms: 50 });
    start(op.fn, { attempts: 3, baseDelayMs: 100 });
    await clock.runAll();
    expect(op.log, 'attempts made, each taking 50 ms (attempt@virtual ms)').toEqual(['1@0', '2@150', '3@400']);
  });

  test('maxDelayMs caps every wait: 100, then 500, 500 instead of 1000, 10000', async () => {
    const op = flaky();
    start(op.fn, { attempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 500 });
    await clock.runAll();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0', '2@100', '3@600', '4@1100']);
  });

  test('maxDelayMs of 0 makes every wait 0 ms', async () => {
    const op = flaky({ succeedOn: [3] });
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100, maxDelayMs: 0 });
    await clock.runAll();
    expect(op.log, 'attempts made with maxDelayMs 0 (attempt@virtual ms)').toEqual(['1@0', '2@0', '3@0']);
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'ok 3', at: 0 });
  });

  test('passes the attempt number, counting from 1', async () => {
    const seen: number[] = [];
    const retrying = start(
      (attempt) => {
        seen.push(attempt);
        return attempt < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('done');
      },
      { attempts: 5, baseDelayMs: 10 },
    );
    await clock.runAll();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'done', at: 30 });
    expect(seen, 'attempt numbers fn received').toEqual([1, 2, 3]);
  });

  test('a synchronous throw in fn counts as a failed attempt', async () => {
    let calls = 0;
    const retrying = start(
      () => {
        calls++;
        if (calls === 1) throw new Error('thrown');
        return Promise.resolve('second time lucky');
      },
      { attempts: 2, baseDelayMs: 100 },
    );
    await clock.runAll();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'second time lucky', at: 100 });
  });

  test('fn may return any thenable, not only a Promise', async () => {
    const error = new Error('failed through a thenable');
    const retrying = start((attempt) => bare(attempt === 1 ? Promise.reject(error) : Promise.resolve('thenable value')), { attempts: 2, baseDelayMs: 100 });
    await clock.runAll();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ resolved: 'thenable value', at: 100 });

    const failing = start(() => bare(Promise.reject(error)), { attempts: 1, baseDelayMs: 100 });
    await clock.settle();
    expect(failing.state(), describeOutcome(failing)).toBe('rejected');
    expect(failing.value()).toBe(error);
  });

  test('resolves with falsy values as they are: undefined, 0, null', async () => {
    for (const value of [undefined, 0, null]) {
      const t0 = clock.now();
      let calls = 0;
      const retrying = start(
        () => {
          calls++;
          return calls === 1 ? Promise.reject(new Error('not yet')) : Promise.resolve(value);
        },
        { attempts: 3, baseDelayMs: 100 },
      );
      await clock.runAll();
      expect(retrying.outcome(), `the second attempt resolved with ${show(value)}, but ${describeOutcome(retrying)}`).toEqual({ resolved: value, at: t0 + 100 });
      expect(calls, `the second attempt resolved with ${show(value)}: no third attempt should be made`).toBe(2);
    }
  });
});

describe('giving up', () => {
  test('when every attempt fails, rejects with the error of the last attempt, not the first', points(3), async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100 });
    await clock.runAll();
    expect(op.errors).toHaveLength(3);
    expect(retrying.state(), describeOutcome(retrying)).toBe('rejected');
    expect(retrying.value(), `expected the error of attempt 3, but ${describeOutcome(retrying)}`).toBe(op.errors[2]);
  });

  test('rejects as soon as the last attempt fails, with no wait after it and no timer left', points(2), async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 4, baseDelayMs: 100 });
    await clock.advance(700);
    expect(retrying.state(), `attempt 4 failed at 700 ms, but ${describeOutcome(retrying)}`).toBe('rejected');
    expect(retrying.settledAt()).toBe(700);
    expect(clock.pendingTimers(), 'timers still pending after retry gave up').toBe(0);
  });

  test('never makes more attempts than attempts allows', points(2), async () => {
    const op = flaky();
    start(op.fn, { attempts: 3, baseDelayMs: 10 });
    await clock.runAll();
    expect(op.log, 'attempts made with attempts: 3 (attempt@virtual ms)').toHaveLength(3);
  });

  test('attempts: 1 makes one try and rejects with its error at once', async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 1, baseDelayMs: 100 });
    await clock.settle();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0']);
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ rejected: op.errors[0], at: 0 });
  });

  test('rejects with the last error unchanged even when it is not an Error: undefined, null, a string', points(2), async () => {
    for (const last of [undefined, null, 'plain string', { code: 42 }]) {
      const t0 = clock.now();
      const retrying = start((attempt) => Promise.reject(attempt === 2 ? last : new Error('first failure')), { attempts: 2, baseDelayMs: 100 });
      await clock.runAll();
      expect(retrying.outcome(), `the last attempt rejected with ${show(last)}, but ${describeOutcome(retrying)}`).toEqual({ rejected: last, at: t0 + 100 });
      expect(retrying.value()).toBe(last);
    }
  });

  test('shouldRetry returning false stops at once with that error, without a wait', points(2), async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100, shouldRetry: (error) => (error as Error).message !== 'failure 2' });
    await clock.runAll();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0', '2@100']);
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ rejected: op.errors[1], at: 100 });
  });

  test('shouldRetry receives the error and the attempt number', async () => {
    const op = flaky();
    const calls: [unknown, number][] = [];
    start(op.fn, {
      attempts: 3,
      baseDelayMs: 10,
      shouldRetry: (error, attempt) => {
        calls.push([error, attempt]);
        return true;
      },
    });
    await clock.runAll();
    // Whether it is asked once more after the last attempt is up to the solution.
    expect(calls.slice(0, 2), 'shouldRetry(error, attempt) calls').toEqual([
      [op.errors[0], 1],
      [op.errors[1], 2],
    ]);
  });

  test('a shouldRetry that throws makes retry reject with what it threw, leaving nothing behind', async () => {
    const controller = new AbortController();
    const thrown = new Error('shouldRetry broke');
    const op = flaky();
    const retrying = start(op.fn, {
      attempts: 5,
      baseDelayMs: 100,
      signal: controller.signal,
      shouldRetry: () => {
        throw thrown;
      },
    });
    await clock.runAll();
    await realTick();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ rejected: thrown, at: 0 });
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0']);
    expect(clock.pendingTimers(), 'timers still pending').toBe(0);
    expect(listeners(controller.signal), 'abort listeners left on options.signal').toBe(0);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('attempts that is not a whole number of at least 1 rejects with a RangeError without calling fn', async () => {
    for (const attempts of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let calls = 0;
      const retrying = start(
        () => {
          calls++;
          return Promise.resolve('x');
        },
        { attempts, baseDelayMs: 10 },
      );
      await clock.runAll();
      expect(retrying.value(), `attempts: ${attempts} should give a RangeError, but ${describeOutcome(retrying)}`).toBeInstanceOf(RangeError);
      expect(calls, `attempts: ${attempts}: fn should not be called`).toBe(0);
    }
  });
});

describe('jitter', () => {
  test('a jitter function multiplies each wait by the value it returns', points(2), async () => {
    const source = randomFrom([0.5, 0.25, 0.75]);
    const op = flaky();
    start(op.fn, { attempts: 4, baseDelayMs: 100, jitter: source.random });
    await clock.runAll();
    // Waits of 100 × 0.5, 200 × 0.25 and 400 × 0.75.
    expect(op.log, 'attempts made with waits of 100 × 0.5, 200 × 0.25, 400 × 0.75 (attempt@virtual ms)').toEqual(['1@0', '2@50', '3@100', '4@400']);
  });

  test('a random value of 0 makes that wait 0 ms', async () => {
    const source = randomFrom([0, 0.5]);
    const op = flaky();
    start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: source.random });
    await clock.runAll();
    expect(op.log, 'attempts made with waits of 100 × 0 and 200 × 0.5 (attempt@virtual ms)').toEqual(['1@0', '2@0', '3@100']);
  });

  test('the random source is called once per wait, and not after the last failure', async () => {
    const source = randomFrom([0.5]);
    const op = flaky();
    start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: source.random });
    await clock.runAll();
    expect(source.calls(), 'calls of the random source for 3 attempts (2 waits)').toBe(2);
  });

  test('the random source is called when each wait begins, and never without a wait', async () => {
    const waits = randomFrom([0.5]);
    const op = flaky({ ms: 50 });
    start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: waits.random });
    await clock.runAll();
    expect(waits.calledAt, 'virtual times of the calls of the random source (attempts fail at 50 and 150 ms)').toEqual([50, 150]);

    const none = randomFrom([0.5]);
    const first = start(flaky({ succeedOn: [1] }).fn, { attempts: 3, baseDelayMs: 100, jitter: none.random });
    const refused = start(flaky().fn, { attempts: 3, baseDelayMs: 100, jitter: none.random, shouldRetry: () => false });
    await clock.runAll();
    expect([first.state(), refused.state()]).toEqual(['resolved', 'rejected']);
    expect(none.calls(), 'calls of the random source when no wait happens (first attempt succeeds, or shouldRetry says no)').toBe(0);
  });

  test('jitter applies to the capped wait: maxDelayMs first, then the random factor', async () => {
    const source = randomFrom([0.5]);
    const op = flaky();
    start(op.fn, { attempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 500, jitter: source.random });
    await clock.runAll();
    expect(op.log, 'attempts made with waits of 100 × 0.5, 500 × 0.5, 500 × 0.5 (attempt@virtual ms)').toEqual(['1@0', '2@50', '3@300', '4@550']);
  });

  test('jitter: true draws from Math.random, and no jitter never does', async () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const op = flaky();
      start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: true });
      await clock.runAll();
      expect(op.log, 'attempts made with jitter: true and Math.random() = 0.5 (attempt@virtual ms)').toEqual(['1@0', '2@50', '3@150']);
      spy.mockClear();
      const plain = flaky();
      start(plain.fn, { attempts: 3, baseDelayMs: 100, jitter: false });
      start(flaky().fn, { attempts: 3, baseDelayMs: 100 });
      await clock.runAll();
      expect(plain.log, 'attempts made with jitter: false (attempt@virtual ms)').toEqual(['1@0', '2@100', '3@300']);
      expect(spy, 'Math.random should not be called without jitter').not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('a random source that throws makes retry reject with what it threw, leaving nothing behind', async () => {
    const controller = new AbortController();
    const thrown = new Error('random source broke');
    const op = flaky();
    const retrying = start(op.fn, {
      attempts: 5,
      baseDelayMs: 100,
      signal: controller.signal,
      jitter: () => {
        throw thrown;
      },
    });
    await clock.runAll();
    await realTick();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ rejected: thrown, at: 0 });
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0']);
    expect(clock.pendingTimers(), 'timers still pending').toBe(0);
    expect(listeners(controller.signal), 'abort listeners left on options.signal').toBe(0);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });
});

describe('cancelling with a signal', () => {
  test('passes options.signal to every attempt, or a signal that is not aborted when none is given', async () => {
    const controller = new AbortController();
    const withSignal = flaky({ succeedOn: [2] });
    const withoutSignal = flaky({ succeedOn: [2] });
    start(withSignal.fn, { attempts: 2, baseDelayMs: 10, signal: controller.signal });
    start(withoutSignal.fn, { attempts: 2, baseDelayMs: 10 });
    await clock.runAll();
    expect(withSignal.signals, 'every attempt should get options.signal itself').toEqual([controller.signal, controller.signal]);
    expect(withoutSignal.signals).toHaveLength(2);
    for (const signal of withoutSignal.signals) {
      expect(signal, 'without options.signal, fn should still get an AbortSignal').toBeInstanceOf(AbortSignal);
      expect(signal.aborted).toBe(false);
    }
  });

  test('aborting during a wait rejects with signal.reason at that moment', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const op = flaky();
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.advance(150);
    controller.abort(reason);
    await clock.settle();
    expect(retrying.outcome(), `the signal aborted at 150 ms, during the wait after attempt 2, but ${describeOutcome(retrying)}`).toEqual({ rejected: reason, at: 150 });
  });

  test('aborting during a wait clears its timer and makes no further attempt', points(2), async () => {
    const controller = new AbortController();
    const op = flaky();
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.advance(150);
    controller.abort();
    await clock.settle();
    expect(retrying.state(), describeOutcome(retrying)).toBe('rejected');
    expect(clock.pendingTimers(), "the wait's timer should be cleared when the signal aborts").toBe(0);
    await clock.advance(10_000);
    await realTick();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0', '2@100']);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('aborting during an attempt rejects with signal.reason at once, and ignores a later success', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('stop now');
    const op = flaky({ ms: 500, succeedOn: [1] });
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.advance(200);
    controller.abort(reason);
    await clock.settle();
    expect(retrying.outcome(), `the signal aborted at 200 ms, during attempt 1, but ${describeOutcome(retrying)}`).toEqual({ rejected: reason, at: 200 });
    await clock.advance(1000);
    expect(retrying.outcome(), 'the attempt succeeded after the abort: that must not change anything').toEqual({ rejected: reason, at: 200 });
  });

  test('an attempt that rejects with its own error inside its abort listener does not count: retry rejects with the reason', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('stop now');
    const log: string[] = [];
    const retrying = start(
      (attempt, signal) => {
        log.push(`${attempt}@${clock.now()}`);
        return new Promise((_, reject) => {
          signal.addEventListener('abort', () => reject(new Error(`attempt ${attempt} cleaned up and failed`)), { once: true });
        });
      },
      { attempts: 5, baseDelayMs: 100, signal: controller.signal },
    );
    await clock.advance(200);
    controller.abort(reason);
    await clock.settle();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ rejected: reason, at: 200 });
    await clock.advance(10_000);
    expect(log, 'attempts made (attempt@virtual ms)').toEqual(['1@0']);
  });

  test('an attempt that fails after the abort is not retried, and its failure is not unhandled', points(2), async () => {
    const controller = new AbortController();
    const op = flaky({ ms: 500 });
    start(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.advance(200);
    controller.abort();
    await clock.advance(10_000);
    await realTick();
    expect(op.log, 'attempts made (attempt@virtual ms)').toEqual(['1@0']);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('an already-aborted signal rejects with its reason without calling fn', points(2), async () => {
    const reason = new Error('cancelled before the start');
    const op = flaky();
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100, signal: AbortSignal.abort(reason) });
    await clock.settle();
    expect(retrying.outcome(), describeOutcome(retrying)).toEqual({ rejected: reason, at: 0 });
    expect(op.log, 'fn should not be called').toEqual([]);
    expect(clock.pendingTimers(), 'timers still pending').toBe(0);
  });

  test('the abort reason is used as it is: a string, null', async () => {
    for (const reason of ['stop', null]) {
      const t0 = clock.now();
      const before = start(flaky().fn, { attempts: 3, baseDelayMs: 100, signal: AbortSignal.abort(reason) });
      const controller = new AbortController();
      const during = start(flaky().fn, { attempts: 3, baseDelayMs: 100, signal: controller.signal });
      await clock.advance(50);
      controller.abort(reason);
      await clock.settle();
      expect(before.outcome(), `an already-aborted signal with reason ${show(reason)}: ${describeOutcome(before)}`).toEqual({ rejected: reason, at: t0 });
      expect(during.outcome(), `a signal aborted during a wait with reason ${show(reason)}: ${describeOutcome(during)}`).toEqual({ rejected: reason, at: t0 + 50 });
    }
  });

  test('leaves no abort listener on the signal once it has succeeded or given up', points(2), async () => {
    const controller = new AbortController();
    const succeeding = flaky({ succeedOn: [3], ms: 20 });
    const succeeded = start(succeeding.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.runAll();
    expect(succeeded.state(), describeOutcome(succeeded)).toBe('resolved');
    expect(listeners(controller.signal), 'abort listeners left on options.signal after retry resolved').toBe(0);

    const failing = flaky({ ms: 20 });
    const failed = start(failing.fn, { attempts: 3, baseDelayMs: 100, signal: controller.signal });
    await clock.runAll();
    expect(failed.state(), describeOutcome(failed)).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on options.signal after retry gave up').toBe(0);
  });

  test('leaves no abort listener on the signal after an abort during an attempt or a wait', async () => {
    const duringAttempt = new AbortController();
    const attempting = start(() => new Promise<never>(() => {}), { attempts: 3, baseDelayMs: 100, signal: duringAttempt.signal });
    const duringWait = new AbortController();
    const waiting = start(flaky().fn, { attempts: 3, baseDelayMs: 100, signal: duringWait.signal });
    await clock.advance(50);
    duringAttempt.abort();
    duringWait.abort();
    await clock.settle();
    expect([attempting.state(), waiting.state()]).toEqual(['rejected', 'rejected']);
    expect(listeners(duringAttempt.signal), 'abort listeners left on a signal that aborted during an attempt').toBe(0);
    expect(listeners(duringWait.signal), 'abort listeners left on a signal that aborted during a wait').toBe(0);
  });
});
