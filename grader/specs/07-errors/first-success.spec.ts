// Hidden spec of 07-errors/first-success.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. Does not use `Promise.any`.
//       - does not use Promise.any
//  2. Every function is called during the call, in argument order, exactly once each.
//       - calls every function during the call, in argument order, once each
//  3. … each with an AbortSignal of its own.
//       - gives each attempt a signal of its own, and never aborts the winner’s
//  4. None waits for another.
//       - runs the attempts concurrently: failures at 100 and 200 ms and a success at 300 ms settle it at 300 ms
//  5. Resolves with the value of the first attempt to fulfil, whatever it is (`undefined` too), at that moment.
//       - resolves with the value of the first attempt to succeed, at that moment
//       - resolves with the value itself, whatever it is
//       - a winner that resolves with undefined wins: a later success neither replaces it nor aborts its signal
//  6. A failure does not settle it as long as another attempt is still running.
//       - a failure that comes first does not settle it: the first success after it wins
//  7. Several fulfil at the same moment: the one that fulfils first wins; same time: the one listed first.
//       - when two attempts succeed at the same moment, the one listed first wins
//       - in the same millisecond, the attempt that fulfils first wins even when it is listed later
//  8. As soon as an attempt wins, the signal of every other attempt is aborted, those already failed too.
//       - when one attempt wins, the signal of every other attempt still running aborts at that moment
//       - when one attempt wins, the signals of the attempts that have already failed are aborted too
//       - aborting the losers stops them: no timer is left once there is a winner
//  9. … with the default reason (a DOMException named AbortError).
//       - aborts with the default reason: a DOMException named AbortError
// 10. The winner's signal is never aborted.
//       - gives each attempt a signal of its own, and never aborts the winner’s
//       - what the other attempts do after the win changes nothing, not even the winner’s signal
//       - a winner that resolves with undefined wins: a later success neither replaces it nor aborts its signal
// 11. No signal is aborted before there is a winner (a failure aborts nothing; all fail: none aborted).
//       - a failure aborts nothing: the other attempts keep running until one wins
//       - when every attempt fails, no signal is aborted at all
// 12. After the win, whatever the other attempts do changes nothing.
//       - what the other attempts do after the win changes nothing, not even the winner’s signal
// 13. All failed: rejects at the moment of the last failure with an AggregateError.
//       - rejects with an AggregateError at the moment of the last failure
//       - a single attempt that fails rejects with an AggregateError of its one error
// 14. … `errors[i]` is the failure of `fns[i]`, in argument order, the same value, even if not an Error.
//       - errors holds every failure in argument order, not in the order they happened
//       - errors keeps values that are not Errors as they are
// 15. … with a message.
//       - the AggregateError has a message
// 16. A synchronous throw is a failure with what was thrown; the others are still called; never throws.
//       - a function that throws synchronously has failed; the others are still called and can win
//       - a synchronous throw is reported in errors, in its place
//       - when every function throws synchronously, it rejects at once with what they threw, in order
// 17. No functions: rejects at once with an AggregateError whose errors is empty, with a message.
//       - with no functions, rejects at once with an AggregateError whose errors are empty
//       - with no functions, the AggregateError has a message too
// 18. No rejection is ever left unhandled.
//       - attempts that fail after the win leave no unhandled rejection
//       - failures before the win leave no unhandled rejection
//       - when every attempt fails, the only rejection is the AggregateError that the caller handles
//       - when every function throws synchronously, it rejects at once with what they threw, in order
import { describe, expect, test, vi } from 'vitest';
import { type Timeline, type Tracked, captureUnhandledRejections, describeOutcome, expectList, show, deferred, loadExercise, points, realTick, timeline, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/07-errors/first-success.ts');
type Attempt<T> = (signal: AbortSignal) => Promise<T>;

const ex = loadExercise<Module>('07-errors/first-success', ['firstSuccess']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

interface Probe<T> {
  /** The attempt to pass to firstSuccess. */
  readonly fn: (signal: AbortSignal) => Promise<T>;
  /** How many times it was called. */
  calls(): number;
  /** The signal it received (undefined until called). */
  signal(): AbortSignal | undefined;
  /** The virtual time at which its signal aborted, if it did. */
  abortedAt(): number | undefined;
}

/**
 * An attempt that settles after `ms` of virtual time: it resolves with `outcome.value` or rejects
 * with `outcome.error`. When `stopsOnAbort` (the default), an abort clears its timer and rejects
 * with the signal's reason, as well-behaved work does; otherwise it ignores the abort.
 */
function attempt<T>(ms: number, outcome: { value: T } | { error: unknown }, options: { stopsOnAbort?: boolean; log?: string[]; name?: string } = {}): Probe<T> {
  const { stopsOnAbort = true, log, name } = options;
  let calls = 0;
  let signal: AbortSignal | undefined;
  let abortedAt: number | undefined;
  return {
    fn: (received) => {
      calls++;
      signal = received;
      log?.push(`${name ?? '?'} called at ${Date.now()}`);
      received.addEventListener('abort', () => (abortedAt = Date.now()), { once: true });
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          if ('value' in outcome) resolve(outcome.value);
          else reject(outcome.error);
        }, ms);
        if (stopsOnAbort) {
          received.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              reject(received.reason);
            },
            { once: true },
          );
        }
      });
    },
    calls: () => calls,
    signal: () => signal,
    abortedAt: () => abortedAt,
  };
}

const ok = <T>(ms: number, value: T, options?: { stopsOnAbort?: boolean; log?: string[]; name?: string }) => attempt(ms, { value }, options);
const fail = (ms: number, error: unknown, options?: { stopsOnAbort?: boolean; log?: string[]; name?: string }) => attempt<never>(ms, { error }, options);

/** Calls firstSuccess, failing with a clear message if it throws instead of returning a promise. */
function call<T>(fns: readonly Attempt<T>[]): Promise<T> {
  try {
    return ex.firstSuccess(fns);
  } catch (error) {
    throw thrownInstead('firstSuccess should never throw: every failure should be a rejection of the promise it returns', error);
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
 * Runs firstSuccess and tracks its outcome. Tracking handles a rejection at once, so a wrong
 * solution cannot leave it unhandled; and the tests look at the outcome instead of awaiting the
 * promise, so a wrong solution that never settles fails them instead of hanging.
 *
 * Given a timeline, it draws each attempt as `fns[i]`, from its call until its promise settles,
 * and `firstSuccess` from the call until it settles. (That handles the attempts' promises: not for
 * the tests of unhandled rejections.)
 */
function run<T>(probes: readonly Probe<T>[], line?: Timeline): Tracked<T> {
  if (!line) return track(call(probes.map((probe) => probe.fn)));
  const fns = probes.map((probe, index) => (signal: AbortSignal) => during(line, `fns[${index}]`, probe.fn(signal)));
  return track(during(line, 'firstSuccess', call(fns)));
}

/** Records `promise` on `line` as the piece `label`: it starts now and ends when the promise settles. Returns the promise itself. */
function during<P extends PromiseLike<unknown>>(line: Timeline, label: string, promise: P): P {
  line.start(label);
  const end = (): void => line.end(label);
  Promise.resolve(promise).then(end, end);
  return promise;
}

/** Fails unless the signals of `probes` are aborted exactly as `expected` says, naming both in the message. */
function expectAborted(probes: readonly Probe<unknown>[], expected: readonly boolean[], when: string): void {
  const show = (aborted: readonly boolean[]) => `[${aborted.map((a) => (a ? 'aborted' : 'not aborted')).join(', ')}]`;
  const actual = probes.map((probe) => probe.signal()?.aborted === true);
  expect(show(actual) === show(expected), `${when}, the signals should be ${show(expected)}, but they are ${show(actual)}`).toBe(true);
}

/** Fails unless firstSuccess resolved with `value` (compared as shown) at virtual time `at`, saying what it did instead. */
function expectResolved(outcome: Tracked<unknown>, value: unknown, at: number): void {
  const expected = describeOutcome({ resolved: value, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `firstSuccess should have ${expected}, but it ${actual}`).toBe(expected);
}

/** Fails unless `errors` holds exactly the values of `expected`, the same ones (Object.is), in that order. */
function expectErrors(aggregate: AggregateError, expected: readonly unknown[], why: string): void {
  const received: unknown[] = Array.from(aggregate.errors as unknown[]);
  const same = received.length === expected.length && received.every((value, index) => Object.is(value, expected[index]));
  const list = (values: readonly unknown[]) => `[${values.map(show).join(', ')}]`;
  expect(same, `the AggregateError's errors should be ${list(expected)} (${why}), but they are ${list(received)}`).toBe(true);
}

/** The AggregateError it rejected with; fails the test if it is pending, resolved, or rejected with something else. */
function rejection(outcome: Tracked<unknown>): AggregateError {
  expect(outcome.state(), `firstSuccess should have rejected by ${clock.now()} ms, but it ${describeOutcome(outcome.outcome())}`).toBe('rejected');
  const error = outcome.value();
  expect(error, 'firstSuccess should reject with an AggregateError').toBeInstanceOf(AggregateError);
  return error as AggregateError;
}

// What helps a learner whose code fails a test: a hint per clause and the lesson heading that teaches it.
const EXERCISE = 'first-success-first-success-promiseany-from-scratch';
const ANY = 'several-errors-at-once-aggregateerror';
const FIRST_VALUE = {
  hint: 'Resolve in the fulfilment handler of each attempt, the moment it runs: the first attempt to fulfil wins, and a later call to `resolve` does nothing.',
  section: ANY,
} as const;
const FAILURE_WAITS = {
  hint: 'A failure settles nothing while another attempt may still succeed: count the failures, and reject only when the count reaches `fns.length`.',
  section: ANY,
} as const;
const CALLS = {
  hint: 'Call every function at once, in one loop over `fns` that runs during the call to firstSuccess (the executor of `new Promise` runs at once), in order and once each: no `await` and no timer between two calls.',
  section: EXERCISE,
} as const;
const CONCURRENT = {
  hint: 'Start every attempt before waiting for any of them, and let a failure settle nothing while others still run: then the first success at 300 ms decides, whatever failed before.',
  section: ANY,
} as const;
const TIES = {
  hint: 'Attach the handlers of each attempt as you call it and resolve in the fulfilment handler that runs first: handlers run in the order the attempts fulfil, so the first to fulfil wins, and among attempts that take the same time, the one listed first.',
  section: EXERCISE,
} as const;
const AFTER_WIN = {
  hint: "Once an attempt has won, ignore every later outcome, and abort the controllers of the other attempts only: skip the winner's by its index, not by comparing values.",
  section: EXERCISE,
} as const;
const AS_IT_IS = {
  hint: 'Resolve with the value the attempt fulfilled with, as it is: no copy, no wrapping, no check of whether it is truthy.',
  section: EXERCISE,
} as const;
const UNDEFINED_WINS = {
  hint: 'Record that there is a winner in a flag of its own, not in the value: `undefined` and `0` are values like any other, and a check such as `if (result === undefined)` lets a later success take over.',
  section: EXERCISE,
} as const;
const SYNC_THROW = {
  hint: 'A function may throw before it returns a promise: call each one inside `try`/`catch`, treat what it threw as that attempt\'s failure, and carry on with the next function.',
  section: EXERCISE,
} as const;
const ABORT_LOSERS = {
  hint: "Keep the `AbortController` of every attempt, and in the fulfilment handler that wins, call `abort()` on every controller but the winner's, right there, before anything is awaited.",
  section: EXERCISE,
} as const;
const ABORT_FAILED_TOO = {
  hint: 'At the win, abort every other attempt, those that have already failed included: loop over all the controllers, not only over the attempts still running.',
  section: EXERCISE,
} as const;
const OWN_SIGNALS = {
  hint: 'Make one `AbortController` per function and pass each function its own `signal`: with one shared signal, the losers cannot be aborted without aborting the winner too.',
  section: EXERCISE,
} as const;
const DEFAULT_REASON = {
  hint: "Call `controller.abort()` with no argument: the losers' `signal.reason` is then the DOMException named AbortError that the doc comment asks for.",
  section: EXERCISE,
} as const;
const NO_ABORT_BEFORE_WIN = {
  hint: 'Abort only when an attempt wins: a failure aborts nothing, its own signal included, and when every attempt fails there is no winner, so every signal stays unaborted.',
  section: EXERCISE,
} as const;
const AGGREGATE = {
  hint: 'When the number of failures reaches `fns.length`, reject at once with `new AggregateError(errors, message)`, even when there is only one error: never with the error itself.',
  section: ANY,
} as const;
const ARG_ORDER = {
  hint: 'Store each failure at the index of its function, `errors[index] = error`, instead of pushing it when it happens: `errors` follows the order of `fns`, not the order of the failures.',
  section: ANY,
} as const;
const ERRORS_AS_THEY_ARE = {
  hint: 'Store what each attempt rejected with, as it is: a string, `undefined` or an AggregateError of its own is one entry of `errors`, neither wrapped in an Error nor spread out.',
  section: ANY,
} as const;
const MESSAGE = {
  hint: "Give the AggregateError a message as its second argument, such as `new AggregateError(errors, 'all 3 attempts failed')`; without one, its message is empty.",
  section: ANY,
} as const;
const SYNC_THROW_IN_ERRORS = {
  hint: 'A function that throws has failed at its own index: store what it threw in `errors` and count it exactly like a rejection, so that when every function has failed, throwing ones included, the AggregateError comes at once.',
  section: EXERCISE,
} as const;
const EMPTY = {
  hint: 'With no functions, no failure will ever come to trigger the rejection: check for an empty list first and reject at once with `new AggregateError([], message)`, a message included.',
  section: ANY,
} as const;
const HANDLED = {
  hint: 'Give every attempt both handlers at once, `attempt.then(onValue, onError)`, and never a `.then(onValue)` alone, whose derived promise rejects with nobody listening. After the win, the error handler of a loser simply has nothing to do.',
  section: 'unhandled-rejections',
} as const;
const NO_ANY = {
  hint: 'Build it from `new Promise` and the `then` of each attempt: `Promise.any` is what you are writing, so do not call it.',
  section: ANY,
} as const;

describe('the first success wins', () => {
  test('resolves with the value of the first attempt to succeed, at that moment', points(2, FIRST_VALUE), async () => {
    const line = timeline(clock);
    // The slower ones ignore their signals, so that they run their full time.
    const outcome = run([ok(300, 'slow', { stopsOnAbort: false }), ok(100, 'fast'), ok(200, 'medium', { stopsOnAbort: false })], line);
    await clock.advance(300);
    line.expect(
      { 'fns[0]': [0, 300], 'fns[1]': [0, 100], 'fns[2]': [0, 200], firstSuccess: [0, 100] },
      'fns[1] is the first to succeed, at 100 ms: firstSuccess should resolve at that very moment',
    );
    expectResolved(outcome, 'fast', 100);
  });

  test('a failure that comes first does not settle it: the first success after it wins', points(3, FAILURE_WAITS), async () => {
    const line = timeline(clock);
    const outcome = run(
      [fail(50, new Error('mirror 1 is down')), ok(200, 'from mirror 2'), fail(100, new Error('mirror 3 is down')), ok(300, 'from mirror 4', { stopsOnAbort: false })],
      line,
    );
    await clock.advance(300);
    line.expect(
      { 'fns[0]': [0, 50], 'fns[1]': [0, 200], 'fns[2]': [0, 100], 'fns[3]': [0, 300], firstSuccess: [0, 200] },
      'fns[0] and fns[2] fail at 50 and 100 ms, fns[1] succeeds at 200 ms: firstSuccess should wait past the failures and resolve at 200 ms',
    );
    expectResolved(outcome, 'from mirror 2', 200);
  });

  test('calls every function during the call, in argument order, once each', points(2, CALLS), () => {
    const log: string[] = [];
    const probes = [ok(300, 'a', { log, name: 'a' }), fail(100, new Error('b'), { log, name: 'b' }), ok(200, 'c', { log, name: 'c' })];
    void call(probes.map((probe) => probe.fn)).catch(() => undefined);
    expectList(log, ['a called at 0', 'b called at 0', 'c called at 0'], 'the calls made before firstSuccess returned');
    expectList(
      probes.map((probe) => probe.calls()),
      [1, 1, 1],
      'how many times each function was called',
    );
  });

  test('runs the attempts concurrently: failures at 100 and 200 ms and a success at 300 ms settle it at 300 ms', points(2, CONCURRENT), async () => {
    const line = timeline(clock);
    const outcome = run([fail(100, new Error('one')), fail(200, new Error('two')), ok(300, 'three')], line);
    await clock.advance(600);
    line.expect(
      { 'fns[0]': [0, 100], 'fns[1]': [0, 200], 'fns[2]': [0, 300], firstSuccess: [0, 300] },
      'the three attempts should run together, not one after another, and the failures of fns[0] and fns[1] settle nothing: firstSuccess should resolve when fns[2] succeeds, at 300 ms',
    );
    expectResolved(outcome, 'three', 300);
  });

  test('when two attempts succeed at the same moment, the one listed first wins', points(1, TIES), async () => {
    const outcome = run([fail(50, new Error('no')), ok(100, 'first listed'), ok(100, 'second listed')]);
    await clock.advance(100);
    expectResolved(outcome, 'first listed', 100);
  });

  test('in the same millisecond, the attempt that fulfils first wins even when it is listed later', points(1, TIES), async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const outcome = track(call([() => first.promise, () => second.promise]));
    setTimeout(() => {
      second.resolve('listed second, fulfils first');
      first.resolve('listed first, fulfils just after');
    }, 100);
    await clock.advance(100);
    expectResolved(outcome, 'listed second, fulfils first', 100);
  });

  test('what the other attempts do after the win changes nothing, not even the winner’s signal', points(2, AFTER_WIN), async () => {
    const probes = [ok(100, 'winner'), ok(200, 'later success', { stopsOnAbort: false }), fail(300, new Error('later failure'), { stopsOnAbort: false })];
    const outcome = run(probes);
    await clock.advance(400);
    expectResolved(outcome, 'winner', 100);
    expect(probes[0]!.signal()!.aborted, 'the winner’s signal should never be aborted, even when another attempt succeeds after the win').toBe(false);
  });

  test('resolves with the value itself, whatever it is', points(1, AS_IT_IS), async () => {
    const value = { id: 7 };
    const outcome = run([ok(10, value)]);
    await clock.advance(10);
    expect(outcome.state(), `the one attempt resolved at 10 ms, but firstSuccess ${describeOutcome(outcome.outcome())}`).toBe('resolved');
    expect(outcome.value(), 'firstSuccess should resolve with the very object the attempt resolved with').toBe(value);
  });

  test('a winner that resolves with undefined wins: a later success neither replaces it nor aborts its signal', points(2, UNDEFINED_WINS), async () => {
    const probes = [ok(200, 'later success', { stopsOnAbort: false }), ok(100, undefined), ok(300, 0, { stopsOnAbort: false })];
    const outcome = run<unknown>(probes);
    await clock.advance(300);
    expectResolved(outcome, undefined, 100);
    expectAborted(probes, [true, false, true], 'once fns[1] has won at 100 ms with undefined and the others succeeded later');
  });

  test('a function that throws synchronously has failed; the others are still called and can win', points(2, SYNC_THROW), async () => {
    const thrown = new Error('thrown, not rejected');
    const later = ok(100, 'still wins');
    // If firstSuccess let the throw escape, this call would fail the test, saying so.
    const result = call<string>([
      () => {
        throw thrown;
      },
      later.fn,
    ]);
    const outcome = track(result);
    await clock.advance(100);
    expect(later.calls(), 'the function after the one that threw should be called once').toBe(1);
    expectResolved(outcome, 'still wins', 100);
  });
});

describe('stopping the losers', () => {
  test('when one attempt wins, the signal of every other attempt still running aborts at that moment', points(3, ABORT_LOSERS), async () => {
    const line = timeline(clock);
    const probes = [ok(500, 'slow'), ok(100, 'winner'), fail(400, new Error('late')), ok(300, 'medium')];
    const outcome = run(probes, line);
    await clock.advance(500);
    line.expect(
      { 'fns[0]': [0, 100], 'fns[1]': [0, 100], 'fns[2]': [0, 100], 'fns[3]': [0, 100], firstSuccess: [0, 100] },
      'fns[1] wins at 100 ms: the signals of the other attempts should abort at that moment, so that they stop (they listen to their signals) instead of running for 300, 400 and 500 ms',
    );
    expect(outcome.state(), `the attempt that succeeds at 100 ms should have won, but firstSuccess ${describeOutcome(outcome.outcome())}`).toBe('resolved');
    expectList(
      [probes[0]!, probes[2]!, probes[3]!].map((probe) => probe.abortedAt()),
      [100, 100, 100],
      'the times (ms) at which the signals of the three losers aborted',
    );
  });

  test('when one attempt wins, the signals of the attempts that have already failed are aborted too', points(2, ABORT_FAILED_TOO), async () => {
    const probes = [fail(50, new Error('failed early')), ok(100, 'winner'), ok(300, 'still running')];
    const outcome = run(probes);
    await clock.advance(100);
    expectResolved(outcome, 'winner', 100);
    expectAborted(probes, [true, false, true], 'once fns[1] has won at 100 ms (fns[0] had failed at 50 ms)');
    expect(probes[0]!.abortedAt(), 'the failed attempt’s signal should abort at the win, at 100 ms').toBe(100);
  });

  test('aborting the losers stops them: no timer is left once there is a winner', points(1, ABORT_LOSERS), async () => {
    const outcome = run([ok(500, 'slow'), ok(100, 'winner'), ok(300, 'medium')]);
    await clock.advance(100);
    expect(outcome.state(), `the attempt that succeeds at 100 ms should have won, but firstSuccess ${describeOutcome(outcome.outcome())}`).toBe('resolved');
    expect(clock.pendingTimers(), 'timers still pending after the win (the losers stop on abort)').toBe(0);
  });

  test('gives each attempt a signal of its own, and never aborts the winner’s', points(2, OWN_SIGNALS), async () => {
    const probes = [ok(300, 'slow'), ok(100, 'winner')];
    const outcome = run(probes);
    expect(probes[0]!.signal(), 'each function should receive an AbortSignal').toBeInstanceOf(AbortSignal);
    expect(probes[0]!.signal() === probes[1]!.signal(), 'the two functions received the same signal').toBe(false);
    await clock.advance(300);
    expect(outcome.state(), `the attempt that succeeds at 100 ms should have won, but firstSuccess ${describeOutcome(outcome.outcome())}`).toBe('resolved');
    expectAborted(probes, [true, false], 'once fns[1] has won');
  });

  test('aborts with the default reason: a DOMException named AbortError', points(1, DEFAULT_REASON), async () => {
    const probes = [ok(300, 'slow'), ok(100, 'winner')];
    const outcome = run(probes);
    await clock.advance(100);
    expect(outcome.state(), `the attempt that succeeds at 100 ms should have won, but firstSuccess ${describeOutcome(outcome.outcome())}`).toBe('resolved');
    const reason: unknown = probes[0]!.signal()!.reason;
    expect(reason, 'the loser’s signal.reason should be what controller.abort() gives').toBeInstanceOf(DOMException);
    expect(reason, 'the loser’s signal.reason should be named AbortError').toMatchObject({ name: 'AbortError' });
  });

  test('a failure aborts nothing: the other attempts keep running until one wins', points(2, NO_ABORT_BEFORE_WIN), async () => {
    const probes = [fail(50, new Error('down')), ok(200, 'winner'), ok(300, 'slow')];
    const outcome = run(probes);
    await clock.advance(199);
    expectAborted(probes, [false, false, false], '199 ms in, after a failure and before any success');
    await clock.advance(1);
    expectResolved(outcome, 'winner', 200);
  });

  test('when every attempt fails, no signal is aborted at all', points(1, NO_ABORT_BEFORE_WIN), async () => {
    const probes = [fail(100, new Error('a')), fail(300, new Error('b')), fail(200, new Error('c'))];
    const outcome = run(probes);
    await clock.advance(300);
    rejection(outcome);
    expectAborted(probes, [false, false, false], 'once every attempt has failed (there was no winner)');
  });
});

describe('when every attempt fails', () => {
  test('rejects with an AggregateError at the moment of the last failure', points(2, AGGREGATE), async () => {
    const line = timeline(clock);
    const outcome = run([fail(300, new Error('a')), fail(100, new Error('b')), fail(200, new Error('c'))], line);
    await clock.advance(300);
    line.expect(
      { 'fns[0]': [0, 300], 'fns[1]': [0, 100], 'fns[2]': [0, 200], firstSuccess: [0, 300] },
      'every attempt fails, the last one at 300 ms: firstSuccess should reject then, not at an earlier failure',
    );
    expect(outcome.state(), 'the last attempt failed at 300 ms: firstSuccess should have rejected').toBe('rejected');
    rejection(outcome);
  });

  test('a single attempt that fails rejects with an AggregateError of its one error', points(1, AGGREGATE), async () => {
    const error = new Error('the only mirror is down');
    const outcome = run([fail(100, error)]);
    await clock.advance(100);
    expect(outcome.settledAt(), 'when firstSuccess rejected (ms)').toBe(100);
    const aggregate = rejection(outcome);
    expectErrors(aggregate, [error], 'the one error, the very value the attempt rejected with');
  });

  test('errors holds every failure in argument order, not in the order they happened', points(3, ARG_ORDER), async () => {
    const errors = [new Error('fails last'), new Error('fails first'), new Error('fails second')];
    const outcome = run([fail(300, errors[0]), fail(100, errors[1]), fail(200, errors[2])]);
    await clock.advance(300);
    const error = rejection(outcome);
    expectErrors(error, errors, 'errors[i] is what fns[i] rejected with: argument order, not the order they failed in');
  });

  test('errors keeps values that are not Errors as they are', points(1, ERRORS_AS_THEY_ARE), async () => {
    const inner = new AggregateError([new Error('inner')], 'an AggregateError of its own');
    const outcome = run([fail(20, 'a plain string'), fail(10, undefined), fail(30, 42), fail(5, inner)]);
    await clock.advance(30);
    expectErrors(rejection(outcome), ['a plain string', undefined, 42, inner], 'the very values the attempts rejected with, not wrapped or unpacked');
  });

  test('the AggregateError has a message', points(1, MESSAGE), async () => {
    const outcome = run([fail(10, new Error('a')), fail(20, new Error('b'))]);
    await clock.advance(20);
    const error = rejection(outcome);
    expect(typeof error.message, 'the AggregateError’s message').toBe('string');
    expect(error.message.trim(), 'the AggregateError’s message should not be empty').not.toBe('');
  });

  test('a synchronous throw is reported in errors, in its place', points(1, SYNC_THROW_IN_ERRORS), async () => {
    const thrown = new Error('thrown');
    const rejected = new Error('rejected');
    const result = call<never>([
      fail(10, rejected).fn,
      () => {
        throw thrown;
      },
    ]);
    const outcome = track(result);
    await clock.advance(10);
    expectErrors(rejection(outcome), [rejected, thrown], 'what fns[0] rejected with, then what fns[1] threw');
  });

  test('when every function throws synchronously, it rejects at once with what they threw, in order', points(1, SYNC_THROW_IN_ERRORS), async () => {
    const thrown = [new Error('first throw'), 'second throw'];
    const outcome = track(
      call<never>(
        thrown.map((value) => () => {
          throw value;
        }),
      ),
    );
    await clock.settle();
    expect(outcome.settledAt(), 'every function threw at 0 ms: firstSuccess should have rejected at 0 ms').toBe(0);
    expectErrors(rejection(outcome), thrown, 'what each function threw, in argument order');
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('with no functions, rejects at once with an AggregateError whose errors are empty', points(2, EMPTY), async () => {
    const outcome = run<never>([]);
    await clock.settle();
    expect(outcome.state(), `with no functions, firstSuccess should reject at once, but it ${describeOutcome(outcome.outcome())}`).toBe('rejected');
    expect(outcome.settledAt(), 'when firstSuccess rejected (ms)').toBe(0);
    expectErrors(rejection(outcome), [], 'there were no attempts');
    expect(clock.pendingTimers(), 'timers left pending').toBe(0);
  });

  test('with no functions, the AggregateError has a message too', points(1, EMPTY), async () => {
    const outcome = run<never>([]);
    await clock.settle();
    const error = rejection(outcome);
    expect(typeof error.message, 'the AggregateError’s message').toBe('string');
    expect(error.message.trim(), 'the AggregateError’s message should not be empty').not.toBe('');
  });
});

describe('no lost errors', () => {
  test('attempts that fail after the win leave no unhandled rejection', points(2, HANDLED), async () => {
    run([ok(100, 'winner'), fail(200, new Error('ignores the abort'), { stopsOnAbort: false }), fail(300, new Error('rejects on abort'))]);
    await clock.advance(300);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('failures before the win leave no unhandled rejection', points(1, HANDLED), async () => {
    run([fail(50, new Error('early')), fail(100, new Error('also early')), ok(200, 'winner')]);
    await clock.advance(200);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('when every attempt fails, the only rejection is the AggregateError that the caller handles', points(1, HANDLED), async () => {
    run([fail(100, new Error('a')), fail(200, new Error('b'))]);
    await clock.advance(200);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('does not use Promise.any', points(1, NO_ANY), async () => {
    const any = vi.spyOn(Promise, 'any');
    try {
      run([fail(100, new Error('a')), ok(200, 'b')]);
      run([fail(100, new Error('c'))]);
      run([]);
      await clock.advance(200);
      expect(any, 'Promise.any was called').not.toHaveBeenCalled();
    } finally {
      any.mockRestore();
    }
  });
});
