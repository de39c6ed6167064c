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
import { captureUnhandledRejections, expectList, loadExercise, points, realTick, timeline, track, useVirtualTime, type Outcome, type Timeline, type Tracked } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/retry.ts')>('06-timeouts/retry', ['retry']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

type Fn<T> = (attempt: number, signal: AbortSignal) => PromiseLike<T>;
type Options = Parameters<typeof ex.retry>[1];

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Calls retry, failing with a clear message if it throws instead of returning a promise. */
function call<T>(fn: Fn<T>, options: Options): Promise<T> {
  try {
    return ex.retry(fn, options);
  } catch (error) {
    throw thrownInstead('retry should never throw: every failure should be a rejection of the promise it returns', error);
  }
}

/** Calls retry and tracks its outcome. */
const start = <T>(fn: Fn<T>, options: Options): Tracked<T> => track(call(fn, options));

/**
 * What a test fails with when the function under test throws instead of returning a promise: the
 * untouched stub's own error as it is (it says what to do), or else `should` and what was thrown.
 */
function thrownInstead(should: string, error: unknown): unknown {
  if (error instanceof Error && /not implemented yet/i.test(error.message)) return error;
  return new Error(`${should}, but it threw ${show(error)}`);
}

/** An outcome in words: `is still pending`, `resolved at 300 ms with "ok 3"`. */
function words(outcome: Outcome<unknown>): string {
  if (outcome === 'pending') return 'is still pending';
  if ('resolved' in outcome) return `resolved at ${outcome.at} ms with ${show(outcome.resolved)}`;
  return `rejected at ${outcome.at} ms with ${show(outcome.rejected)}`;
}

/** How a tracked retry stands, in words, for failure messages. */
function describeOutcome(tracked: Tracked<unknown>): string {
  return `retry ${words(tracked.outcome())}`;
}

/** Fails unless retry settled as `expected` (compared with toEqual), saying what it should have done and what it did. */
function expectOutcome(tracked: Tracked<unknown>, expected: Exclude<Outcome<unknown>, 'pending'>, why: string): void {
  expect(tracked.outcome(), `${why}: retry should have ${words(expected)}, but it ${words(tracked.outcome())}`).toEqual(expected);
}

function show(value: unknown): string {
  if (value instanceof DOMException) return `a DOMException named ${value.name}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** What the attempts log holds: `attempt@virtual ms`, counted from the start of the test's retry. */
const ATTEMPTS = 'the attempts made (attempt number@virtual ms)';

/**
 * A flaky operation: attempt n fails with `Error('failure n')` unless n is in `succeedOn`, in which
 * case it resolves with `'ok n'`. Each attempt takes `ms` of virtual time (0: settles at once) and
 * ignores its signal. `log` records `attempt@time`, time counted from the call of flaky(); `errors`
 * keeps every error thrown.
 *
 * Given a timeline `line`, it also draws `attempt n` from the call of fn until its promise settles,
 * and `wait n` from the failure of attempt n, when `attempts` (retry's limit) allows another one,
 * until the next attempt starts or `settled()` says that retry has settled. It records by hand, so
 * the promises retry receives are left as they are, unhandled rejections included.
 */
function flaky(options: { succeedOn?: number[]; ms?: number; line?: Timeline; attempts?: number } = {}) {
  const { succeedOn = [], ms = 0, line, attempts = Number.POSITIVE_INFINITY } = options;
  const createdAt = clock.now();
  const log: string[] = [];
  const errors: Error[] = [];
  const signals: AbortSignal[] = [];
  /** The wait drawn now, between a failure and the next attempt; no new one once retry has settled. */
  let waiting: string | undefined;
  let over = false;
  const endWait = (): void => {
    if (waiting !== undefined) line?.end(waiting);
    waiting = undefined;
  };
  const fn = (attempt: number, signal: AbortSignal): Promise<string> => {
    log.push(`${attempt}@${clock.now() - createdAt}`);
    signals.push(signal);
    endWait();
    line?.start(`attempt ${attempt}`);
    const outcome = (): Promise<string> => {
      line?.end(`attempt ${attempt}`);
      if (succeedOn.includes(attempt)) return Promise.resolve(`ok ${attempt}`);
      const error = new Error(`failure ${attempt}`);
      errors.push(error);
      if (line && !over && attempt < attempts) {
        waiting = `wait ${attempt}`;
        line.start(waiting);
      }
      return Promise.reject(error);
    };
    if (ms === 0) return outcome();
    return new Promise((resolve) => setTimeout(resolve, ms)).then(outcome);
  };
  const settled = (): void => {
    over = true;
    endWait();
  };
  return { fn, log, errors, signals, settled };
}

/**
 * Runs retry with a flaky operation (see `flaky`) drawn on a timeline: its attempts and waits, and
 * with `drawRetry`, `retry` itself, from the call until it settles.
 */
function onTimeline(options: Options, operation: { succeedOn?: number[]; ms?: number } = {}, drawRetry = false) {
  const line = timeline(clock);
  const op = flaky({ ...operation, line, attempts: options.attempts });
  if (drawRetry) line.start('retry');
  const promise = call(op.fn, options);
  const settled = (): void => {
    op.settled();
    if (drawRetry) line.end('retry');
  };
  promise.then(settled, settled);
  return { line, op, retrying: track(promise) };
}

/**
 * The schedule of attempts that start at `times` and take `ms` each, every one but the last
 * followed by a wait until the next: `attempt 1`, `wait 1`, `attempt 2`, and so on.
 */
function attemptsAt(times: readonly number[], ms = 0): Record<string, [number, number]> {
  const schedule: Record<string, [number, number]> = {};
  times.forEach((at, index) => {
    schedule[`attempt ${index + 1}`] = [at, at + ms];
    const next = times[index + 1];
    if (next !== undefined) schedule[`wait ${index + 1}`] = [at + ms, next];
  });
  return schedule;
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


// What helps a learner whose code fails a test: a hint per clause and the lesson heading that teaches it.
const EXERCISE = 'retry-retry-with-exponential-backoff-and-a-signal';
const BACKOFF = {
  hint: 'After attempt n fails, wait `baseDelayMs * factor ** (n - 1)` (factor 2 when not given), so the waits double: 100, 200, 400 ms. Return the value of the first attempt that succeeds, and make no attempt after it.',
  section: EXERCISE,
} as const;
const FIRST_AT_ONCE = {
  hint: 'Make the first call of fn in the body of `retry` itself (an `async` function runs synchronously up to its first `await`): no timer before it, not even one of 0 ms.',
  section: EXERCISE,
} as const;
const FROM_THE_FAILURE = {
  hint: 'Start each wait once the attempt has failed, not when it started: `await` the attempt, and only in its `catch` start the sleep.',
  section: EXERCISE,
} as const;
const CAP = {
  hint: 'Cut each wait down with `Math.min(delay, maxDelayMs)`, with no cap when maxDelayMs is not given. A cap of 0 is a cap: `maxDelayMs ?? Infinity` keeps it, `maxDelayMs || Infinity` and `if (maxDelayMs)` lose it.',
  section: EXERCISE,
} as const;
const ATTEMPT_NUMBERS = {
  hint: 'Number the attempts from 1: the first call is `fn(1, signal)`, the second `fn(2, signal)`.',
  section: EXERCISE,
} as const;
const SYNC_THROW = {
  hint: 'fn may throw before it returns a promise: make the call inside the `try` (`try { return await fn(attempt, signal); } catch …`), so that a throw is a failed attempt like a rejection.',
  section: EXERCISE,
} as const;
const THENABLE = {
  hint: 'fn may return a thenable with nothing but `then`: `await` it, or follow it with `.then(onValue, onError)`, instead of calling `.catch` or `.finally` on it.',
  section: EXERCISE,
} as const;
const AS_IT_IS = {
  hint: 'Pass on what you receive untouched: `undefined`, `0`, `null` or a string is a real value, error or reason. A check such as `if (result)`, `if (lastError)` or `reason ?? …`, or a `new Error(…)` around it, changes the outcome.',
  section: EXERCISE,
} as const;
const LAST_ERROR = {
  hint: 'Keep the error of the latest failed attempt (each one replaces the one before) and throw that one when no attempt is left: the caller wants to know why the last try failed.',
  section: EXERCISE,
} as const;
const NO_WAIT_AFTER_LAST = {
  hint: 'Decide whether another attempt is allowed before you wait: `attempts` counts every try, the first included, and after the last one `retry` rejects at once, without starting a timer.',
  section: EXERCISE,
} as const;
const SHOULD_RETRY = {
  hint: 'After a failure, ask `shouldRetry(error, attempt)` with the error of the attempt that just failed and its number (from 1); when it returns `false`, reject with that error at once, with no wait.',
  section: EXERCISE,
} as const;
const THROWING_CALLBACK = {
  hint: 'When shouldRetry or the random source throws, retry rejects with what it threw and cleans up as on any other way out: call them where a throw rejects the promise of `retry` (inside your `async` function), and remove your abort listener in a `finally`.',
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const INVALID_ATTEMPTS = {
  hint: 'Check `Number.isInteger(attempts) && attempts >= 1` before anything else (`1.5`, `NaN` and `Infinity` fail it) and reject with a `RangeError`; in an `async` function, a `throw` does that without throwing from `retry` itself.',
  section: EXERCISE,
} as const;
const JITTER = {
  hint: 'With jitter, multiply each wait by one value of the random source: the function given as `jitter`, or `Math.random` for `true`. Without jitter, never call `Math.random`.',
  section: EXERCISE,
} as const;
const ZERO_RANDOM = {
  hint: 'A random value of 0 is a wait of 0 ms: do not fall back to the plain delay when the random source returns 0 (`random() || 1` does).',
  section: EXERCISE,
} as const;
const JITTER_DRAW = {
  hint: 'Call the random source at the moment a wait begins, once per wait: not before each attempt, and not after a failure that is not followed by a wait (the last one, or one shouldRetry refuses).',
  section: EXERCISE,
} as const;
const CAP_THEN_JITTER = {
  hint: 'Cap first, then jitter: the wait is `Math.min(delay, maxDelayMs) * random()`, so a capped wait of 500 ms with a random value of 0.5 is 250 ms.',
  section: EXERCISE,
} as const;
const PASSES_SIGNAL = {
  hint: 'Hand every attempt `options.signal` itself; without one, make a signal that never aborts (`new AbortController().signal`) instead of passing `undefined`.',
  section: 'cooperative-cancellation-the-work-has-to-listen',
} as const;
const ABORT_DURING_WAIT = {
  hint: "Wait with a sleep that listens to the signal: on 'abort' it clears its timer and rejects with `signal.reason`, so that retry rejects at that moment and never starts the next attempt.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const ABORT_DURING_ATTEMPT = {
  hint: "Do not wait for an attempt once the signal aborts: race it against a promise that rejects with `signal.reason` on 'abort'. fn got the signal, so stopping its own work is its job.",
  section: 'a-timeout-is-an-abort-with-a-timeouterror',
} as const;
const ABORT_IS_NOT_A_FAILURE = {
  hint: 'An abort is not a failure to retry: when an attempt fails, check `signal.aborted` first and, if it is, reject with `signal.reason`, whatever the attempt rejected with. Keep handling the attempt\'s promise all the same.',
  section: 'how-asyncio-cancels-cancellederror-at-the-await',
} as const;
const ALREADY_ABORTED = {
  hint: "A signal that is already aborted fires no more 'abort' events: call `signal.throwIfAborted()` before each attempt, the first one included, so that fn is never called.",
  section: 'abortcontroller-and-abortsignal',
} as const;
const REMOVES_LISTENER = {
  hint: "`{ once: true }` removes a listener only after it has run. Remove every 'abort' listener you add with `removeEventListener` as soon as the attempt or the wait it guards is over, whichever way it ends.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;

describe('trying again', () => {
  test('resolves with the value of the first attempt that succeeds, and makes no further attempt', points(2, BACKOFF), async () => {
    const { line, retrying } = onTimeline({ attempts: 5, baseDelayMs: 100 }, { succeedOn: [3] }, true);
    await clock.runAll();
    line.expect({ retry: [0, 300], ...attemptsAt([0, 100, 300]) }, 'attempts 1 and 2 fail, attempt 3 succeeds after waits of 100 and 200 ms: retry should resolve then, with no further attempt');
    expectOutcome(retrying, { resolved: 'ok 3', at: 300 }, 'attempts 1 and 2 fail, attempt 3 succeeds after waits of 100 and 200 ms');
  });

  test('a first attempt that succeeds is the only one, with no wait', points(1, FIRST_AT_ONCE), async () => {
    const op = flaky({ succeedOn: [1] });
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100 });
    await clock.settle();
    expectOutcome(retrying, { resolved: 'ok 1', at: 0 }, 'the first attempt succeeds at once');
    expectList(op.log, ['1@0'], ATTEMPTS);
    expect(clock.pendingTimers(), 'timers still pending after retry resolved').toBe(0);
  });

  test('calls fn for the first time before retry returns, without waiting for any timer', points(1, FIRST_AT_ONCE), async () => {
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
    expectOutcome(retrying, { resolved: 'first', at: 0 }, 'the first attempt succeeds at once');
  });

  test('waits baseDelayMs × factor^(n−1) after the n-th failure: attempts at 0, 100, 300 and 700 ms', points(3, BACKOFF), async () => {
    const { line } = onTimeline({ attempts: 4, baseDelayMs: 100 });
    await clock.runAll();
    line.expect(attemptsAt([0, 100, 300, 700]), 'with baseDelayMs 100 and the default factor 2, the waits double: 100, 200, then 400 ms, each from the failure before it');
  });

  test('uses the factor it is given: with factor 3, attempts at 0, 100, 400 and 1300 ms', points(1, BACKOFF), async () => {
    const { line } = onTimeline({ attempts: 4, baseDelayMs: 100, factor: 3 });
    await clock.runAll();
    line.expect(attemptsAt([0, 100, 400, 1300]), 'with baseDelayMs 100 and factor 3, the waits are 100, 300, then 900 ms');
  });

  test('counts each wait from the failure, not from the start of the attempt', points(1, FROM_THE_FAILURE), async () => {
    const { line } = onTimeline({ attempts: 3, baseDelayMs: 100 }, { ms: 50 });
    await clock.runAll();
    line.expect(attemptsAt([0, 150, 400], 50), 'each attempt takes 50 ms and fails: each wait (100, then 200 ms) should start when the attempt before it fails, not when it started');
  });

  test('maxDelayMs caps every wait: 100, then 500, 500 instead of 1000, 10000', points(1, CAP), async () => {
    const { line } = onTimeline({ attempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 500 });
    await clock.runAll();
    line.expect(attemptsAt([0, 100, 600, 1100]), 'with baseDelayMs 100, factor 10 and maxDelayMs 500, the waits are 100, 500 and 500 ms: 1000 and 10000 are capped to 500');
  });

  test('maxDelayMs of 0 makes every wait 0 ms', points(1, CAP), async () => {
    const { line, retrying } = onTimeline({ attempts: 3, baseDelayMs: 100, maxDelayMs: 0 }, { succeedOn: [3] });
    await clock.runAll();
    line.expect(attemptsAt([0, 0, 0]), 'with maxDelayMs 0, every wait is 0 ms: all three attempts run at 0 ms');
    expectOutcome(retrying, { resolved: 'ok 3', at: 0 }, 'with maxDelayMs 0, attempt 3 succeeds with no time passing');
  });

  test('passes the attempt number, counting from 1', points(1, ATTEMPT_NUMBERS), async () => {
    const seen: number[] = [];
    const retrying = start(
      (attempt) => {
        seen.push(attempt);
        return attempt < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('done');
      },
      { attempts: 5, baseDelayMs: 10 },
    );
    await clock.runAll();
    expectOutcome(retrying, { resolved: 'done', at: 30 }, 'attempts 1 and 2 fail and attempt 3 succeeds, after waits of 10 and 20 ms');
    expectList(seen, [1, 2, 3], 'the attempt numbers fn received');
  });

  test('a synchronous throw in fn counts as a failed attempt', points(1, SYNC_THROW), async () => {
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
    expectOutcome(retrying, { resolved: 'second time lucky', at: 100 }, 'fn throws at its first call and succeeds at its second');
  });

  test('fn may return any thenable, not only a Promise', points(1, THENABLE), async () => {
    const error = new Error('failed through a thenable');
    const retrying = start((attempt) => bare(attempt === 1 ? Promise.reject(error) : Promise.resolve('thenable value')), { attempts: 2, baseDelayMs: 100 });
    await clock.runAll();
    expectOutcome(retrying, { resolved: 'thenable value', at: 100 }, 'fn returns a thenable (only a `then` method) that rejects, then one that resolves');

    const failing = start(() => bare(Promise.reject(error)), { attempts: 1, baseDelayMs: 100 });
    await clock.settle();
    expect(failing.state(), `fn returns a thenable that rejects, with attempts: 1, but ${describeOutcome(failing)}`).toBe('rejected');
    expect(failing.value(), 'retry should reject with the very error the thenable rejected with').toBe(error);
  });

  test('resolves with falsy values as they are: undefined, 0, null', points(1, AS_IT_IS), async () => {
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
      expectOutcome(retrying, { resolved: value, at: t0 + 100 }, `the second attempt resolved with ${show(value)}`);
      expect(calls, `the second attempt resolved with ${show(value)}: no third attempt should be made`).toBe(2);
    }
  });
});

describe('giving up', () => {
  test('when every attempt fails, rejects with the error of the last attempt, not the first', points(3, LAST_ERROR), async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100 });
    await clock.runAll();
    expect(op.errors, 'failed attempts made with attempts: 3').toHaveLength(3);
    expect(retrying.state(), `every attempt failed, but ${describeOutcome(retrying)}`).toBe('rejected');
    expect(retrying.value(), `retry should reject with the error of attempt 3, the last one, but ${describeOutcome(retrying)}`).toBe(op.errors[2]);
  });

  test('rejects as soon as the last attempt fails, with no wait after it and no timer left', points(2, NO_WAIT_AFTER_LAST), async () => {
    const { line, retrying } = onTimeline({ attempts: 4, baseDelayMs: 100 }, {}, true);
    await clock.advance(700);
    line.expect({ retry: [0, 700], ...attemptsAt([0, 100, 300, 700]) }, 'attempt 4, the last one allowed, fails at 700 ms: retry should reject then, with no wait after it');
    expect(retrying.state(), `attempt 4 failed at 700 ms, but ${describeOutcome(retrying)}`).toBe('rejected');
    expect(clock.pendingTimers(), 'timers still pending after retry gave up').toBe(0);
  });

  test('never makes more attempts than attempts allows', points(2, NO_WAIT_AFTER_LAST), async () => {
    const op = flaky();
    start(op.fn, { attempts: 3, baseDelayMs: 10 });
    await clock.runAll();
    expect(op.log, 'attempts made with attempts: 3 (attempt@virtual ms)').toHaveLength(3);
  });

  test('attempts: 1 makes one try and rejects with its error at once', points(1, NO_WAIT_AFTER_LAST), async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 1, baseDelayMs: 100 });
    await clock.settle();
    expectList(op.log, ['1@0'], ATTEMPTS);
    expectOutcome(retrying, { rejected: op.errors[0], at: 0 }, 'with attempts: 1, the one attempt fails at once');
  });

  test('rejects with the last error unchanged even when it is not an Error: undefined, null, a string', points(2, AS_IT_IS), async () => {
    for (const last of [undefined, null, 'plain string', { code: 42 }]) {
      const t0 = clock.now();
      const retrying = start((attempt) => Promise.reject(attempt === 2 ? last : new Error('first failure')), { attempts: 2, baseDelayMs: 100 });
      await clock.runAll();
      expectOutcome(retrying, { rejected: last, at: t0 + 100 }, `the last attempt rejected with ${show(last)}`);
      expect(retrying.value(), `the last attempt rejected with ${show(last)}: retry should reject with that very value`).toBe(last);
    }
  });

  test('shouldRetry returning false stops at once with that error, without a wait', points(2, SHOULD_RETRY), async () => {
    const op = flaky();
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100, shouldRetry: (error) => (error as Error).message !== 'failure 2' });
    await clock.runAll();
    expectList(op.log, ['1@0', '2@100'], `${ATTEMPTS} when shouldRetry refuses after attempt 2`);
    expectOutcome(retrying, { rejected: op.errors[1], at: 100 }, 'shouldRetry returned false for the error of attempt 2, at 100 ms');
  });

  test('shouldRetry receives the error and the attempt number', points(1, SHOULD_RETRY), async () => {
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
    const received = calls
      .slice(0, 2)
      .map(([error, attempt]) => `(${show(error)}, ${attempt})`)
      .join(', ');
    expect(
      calls.slice(0, 2),
      `the first two calls shouldRetry(error, attempt) should be (Error: failure 1, 1), (Error: failure 2, 2), but they are ${received || 'none'}`,
    ).toEqual([
      [op.errors[0], 1],
      [op.errors[1], 2],
    ]);
  });

  test('a shouldRetry that throws makes retry reject with what it threw, leaving nothing behind', points(1, THROWING_CALLBACK), async () => {
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
    expectOutcome(retrying, { rejected: thrown, at: 0 }, 'attempt 1 failed at 0 ms and shouldRetry threw');
    expectList(op.log, ['1@0'], ATTEMPTS);
    expect(clock.pendingTimers(), 'timers still pending').toBe(0);
    expect(listeners(controller.signal), 'abort listeners left on options.signal').toBe(0);
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('attempts that is not a whole number of at least 1 rejects with a RangeError without calling fn', points(1, INVALID_ATTEMPTS), async () => {
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
  test('a jitter function multiplies each wait by the value it returns', points(2, JITTER), async () => {
    const source = randomFrom([0.5, 0.25, 0.75]);
    const { line } = onTimeline({ attempts: 4, baseDelayMs: 100, jitter: source.random });
    await clock.runAll();
    line.expect(attemptsAt([0, 50, 100, 400]), 'the random source returns 0.5, 0.25, then 0.75: the waits should be 100 × 0.5, 200 × 0.25 and 400 × 0.75, so 50, 50 and 300 ms');
  });

  test('a random value of 0 makes that wait 0 ms', points(1, ZERO_RANDOM), async () => {
    const source = randomFrom([0, 0.5]);
    const { line } = onTimeline({ attempts: 3, baseDelayMs: 100, jitter: source.random });
    await clock.runAll();
    line.expect(attemptsAt([0, 0, 100]), 'the random source returns 0, then 0.5: the waits should be 100 × 0 = 0 ms and 200 × 0.5 = 100 ms');
  });

  test('the random source is called once per wait, and not after the last failure', points(1, JITTER_DRAW), async () => {
    const source = randomFrom([0.5]);
    const op = flaky();
    start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: source.random });
    await clock.runAll();
    expect(source.calls(), 'calls of the random source for 3 attempts (2 waits)').toBe(2);
  });

  test('the random source is called when each wait begins, and never without a wait', points(1, JITTER_DRAW), async () => {
    const waits = randomFrom([0.5]);
    const op = flaky({ ms: 50 });
    start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: waits.random });
    await clock.runAll();
    expectList(waits.calledAt, [50, 150], 'the virtual times (ms) of the calls of the random source, when attempts fail at 50 and 150 ms,');

    const none = randomFrom([0.5]);
    const first = start(flaky({ succeedOn: [1] }).fn, { attempts: 3, baseDelayMs: 100, jitter: none.random });
    const refused = start(flaky().fn, { attempts: 3, baseDelayMs: 100, jitter: none.random, shouldRetry: () => false });
    await clock.runAll();
    expect(first.state(), `the first attempt succeeds, but ${describeOutcome(first)}`).toBe('resolved');
    expect(refused.state(), `shouldRetry refuses after the first failure, but ${describeOutcome(refused)}`).toBe('rejected');
    expect(none.calls(), 'calls of the random source when no wait happens (first attempt succeeds, or shouldRetry says no)').toBe(0);
  });

  test('jitter applies to the capped wait: maxDelayMs first, then the random factor', points(1, CAP_THEN_JITTER), async () => {
    const source = randomFrom([0.5]);
    const { line } = onTimeline({ attempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 500, jitter: source.random });
    await clock.runAll();
    line.expect(attemptsAt([0, 50, 300, 550]), 'cap first, then jitter: the waits should be 100 × 0.5, then 500 × 0.5 twice (1000 and 10000 capped to 500), so 50, 250 and 250 ms');
  });

  test('jitter: true draws from Math.random, and no jitter never does', points(1, JITTER), async () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const op = flaky();
      start(op.fn, { attempts: 3, baseDelayMs: 100, jitter: true });
      await clock.runAll();
      expectList(op.log, ['1@0', '2@50', '3@150'], `${ATTEMPTS} with jitter: true and Math.random() = 0.5`);
      spy.mockClear();
      const plain = flaky();
      start(plain.fn, { attempts: 3, baseDelayMs: 100, jitter: false });
      start(flaky().fn, { attempts: 3, baseDelayMs: 100 });
      await clock.runAll();
      expectList(plain.log, ['1@0', '2@100', '3@300'], `${ATTEMPTS} with jitter: false`);
      expect(spy, 'Math.random should not be called without jitter').not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('a random source that throws makes retry reject with what it threw, leaving nothing behind', points(1, THROWING_CALLBACK), async () => {
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
    expectOutcome(retrying, { rejected: thrown, at: 0 }, 'attempt 1 failed at 0 ms and the random source threw when the wait began');
    expectList(op.log, ['1@0'], ATTEMPTS);
    expect(clock.pendingTimers(), 'timers still pending').toBe(0);
    expect(listeners(controller.signal), 'abort listeners left on options.signal').toBe(0);
    expectList(unhandled, [], 'rejections nobody handled');
  });
});

describe('cancelling with a signal', () => {
  test('passes options.signal to every attempt, or a signal that is not aborted when none is given', points(1, PASSES_SIGNAL), async () => {
    const controller = new AbortController();
    const withSignal = flaky({ succeedOn: [2] });
    const withoutSignal = flaky({ succeedOn: [2] });
    start(withSignal.fn, { attempts: 2, baseDelayMs: 10, signal: controller.signal });
    start(withoutSignal.fn, { attempts: 2, baseDelayMs: 10 });
    await clock.runAll();
    expect(withSignal.signals, 'every attempt should get options.signal itself').toEqual([controller.signal, controller.signal]);
    expect(withoutSignal.signals, 'attempts made without options.signal (the second one succeeds)').toHaveLength(2);
    for (const signal of withoutSignal.signals) {
      expect(signal, 'without options.signal, fn should still get an AbortSignal').toBeInstanceOf(AbortSignal);
      expect(signal.aborted, 'without options.signal, the signal fn gets should not be aborted').toBe(false);
    }
  });

  test('aborting during a wait rejects with signal.reason at that moment', points(2, ABORT_DURING_WAIT), async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const { line, retrying } = onTimeline({ attempts: 5, baseDelayMs: 100, signal: controller.signal }, {}, true);
    await clock.advance(150);
    controller.abort(reason);
    await clock.settle();
    line.expect({ retry: [0, 150], ...attemptsAt([0, 100]), 'wait 2': [100, 150] }, 'the signal aborts at 150 ms, during wait 2: retry should reject then, cutting the wait short, and start no attempt 3');
    expectOutcome(retrying, { rejected: reason, at: 150 }, 'the signal aborted at 150 ms, during the wait after attempt 2');
  });

  test('aborting during a wait clears its timer and makes no further attempt', points(2, ABORT_DURING_WAIT), async () => {
    const controller = new AbortController();
    const op = flaky();
    const retrying = start(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.advance(150);
    controller.abort();
    await clock.settle();
    expect(retrying.state(), `the signal aborted at 150 ms, during the wait after attempt 2, but ${describeOutcome(retrying)}`).toBe('rejected');
    expect(clock.pendingTimers(), "the wait's timer should be cleared when the signal aborts").toBe(0);
    await clock.advance(10_000);
    await realTick();
    expectList(op.log, ['1@0', '2@100'], `${ATTEMPTS} when the signal aborts at 150 ms`);
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('aborting during an attempt rejects with signal.reason at once, and ignores a later success', points(2, ABORT_DURING_ATTEMPT), async () => {
    const controller = new AbortController();
    const reason = new Error('stop now');
    const { line, retrying } = onTimeline({ attempts: 5, baseDelayMs: 100, signal: controller.signal }, { ms: 500, succeedOn: [1] }, true);
    await clock.advance(200);
    controller.abort(reason);
    await clock.advance(1000);
    line.expect({ retry: [0, 200], 'attempt 1': [0, 500] }, 'the signal aborts at 200 ms, during attempt 1, which ignores it and runs until 500 ms: retry should reject at 200 ms, without waiting for the attempt');
    expectOutcome(retrying, { rejected: reason, at: 200 }, 'the signal aborted at 200 ms, during attempt 1, which ignores it');
    expectOutcome(retrying, { rejected: reason, at: 200 }, 'attempt 1 succeeded at 500 ms, after the abort: that must not change anything');
  });

  test('an attempt that rejects with its own error inside its abort listener does not count: retry rejects with the reason', points(2, ABORT_IS_NOT_A_FAILURE), async () => {
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
    expectOutcome(retrying, { rejected: reason, at: 200 }, 'the signal aborted at 200 ms, and the attempt then rejected with its own error');
    await clock.advance(10_000);
    expectList(log, ['1@0'], ATTEMPTS);
  });

  test('an attempt that fails after the abort is not retried, and its failure is not unhandled', points(2, ABORT_IS_NOT_A_FAILURE), async () => {
    const controller = new AbortController();
    const op = flaky({ ms: 500 });
    start(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.advance(200);
    controller.abort();
    await clock.advance(10_000);
    await realTick();
    expectList(op.log, ['1@0'], `${ATTEMPTS} when the signal aborts at 200 ms, during attempt 1`);
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('an already-aborted signal rejects with its reason without calling fn', points(2, ALREADY_ABORTED), async () => {
    const reason = new Error('cancelled before the start');
    const op = flaky();
    const retrying = start(op.fn, { attempts: 3, baseDelayMs: 100, signal: AbortSignal.abort(reason) });
    await clock.settle();
    expectOutcome(retrying, { rejected: reason, at: 0 }, 'the signal was already aborted');
    expectList(op.log, [], 'the attempts made (fn should not be called at all)');
    expect(clock.pendingTimers(), 'timers still pending').toBe(0);
  });

  test('the abort reason is used as it is: a string, null', points(1, AS_IT_IS), async () => {
    for (const reason of ['stop', null]) {
      const t0 = clock.now();
      const before = start(flaky().fn, { attempts: 3, baseDelayMs: 100, signal: AbortSignal.abort(reason) });
      const controller = new AbortController();
      const during = start(flaky().fn, { attempts: 3, baseDelayMs: 100, signal: controller.signal });
      await clock.advance(50);
      controller.abort(reason);
      await clock.settle();
      expectOutcome(before, { rejected: reason, at: t0 }, `an already-aborted signal with reason ${show(reason)}`);
      expectOutcome(during, { rejected: reason, at: t0 + 50 }, `a signal aborted during a wait with reason ${show(reason)}`);
    }
  });

  test('leaves no abort listener on the signal once it has succeeded or given up', points(2, REMOVES_LISTENER), async () => {
    const controller = new AbortController();
    const succeeding = flaky({ succeedOn: [3], ms: 20 });
    const succeeded = start(succeeding.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal });
    await clock.runAll();
    expect(succeeded.state(), `attempt 3 succeeds, but ${describeOutcome(succeeded)}`).toBe('resolved');
    expect(listeners(controller.signal), 'abort listeners left on options.signal after retry resolved').toBe(0);

    const failing = flaky({ ms: 20 });
    const failed = start(failing.fn, { attempts: 3, baseDelayMs: 100, signal: controller.signal });
    await clock.runAll();
    expect(failed.state(), `all 3 attempts fail, but ${describeOutcome(failed)}`).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on options.signal after retry gave up').toBe(0);
  });

  test('leaves no abort listener on the signal after an abort during an attempt or a wait', points(1, REMOVES_LISTENER), async () => {
    const duringAttempt = new AbortController();
    const attempting = start(() => new Promise<never>(() => {}), { attempts: 3, baseDelayMs: 100, signal: duringAttempt.signal });
    const duringWait = new AbortController();
    const waiting = start(flaky().fn, { attempts: 3, baseDelayMs: 100, signal: duringWait.signal });
    await clock.advance(50);
    duringAttempt.abort();
    duringWait.abort();
    await clock.settle();
    expect(attempting.state(), `the signal aborted at 50 ms, during an attempt that never settles, but ${describeOutcome(attempting)}`).toBe('rejected');
    expect(waiting.state(), `the signal aborted at 50 ms, during a wait, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(listeners(duringAttempt.signal), 'abort listeners left on a signal that aborted during an attempt').toBe(0);
    expect(listeners(duringWait.signal), 'abort listeners left on a signal that aborted during a wait').toBe(0);
  });
});
