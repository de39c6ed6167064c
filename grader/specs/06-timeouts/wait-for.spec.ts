// Hidden spec of waitFor(fn, ms, { signal }).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. The limit is measured with setTimeout (the virtual clock moves it).
//       - every timing test below (they run on the virtual clock only)
//  2. waitFor creates its own AbortController and calls fn once, synchronously, before it returns,
//     with that controller's signal, not aborted yet; never options.signal itself.
//       - calls fn once, synchronously, with an AbortSignal that is not aborted
//       - fn gets a signal of waitFor's own even when options.signal is given, and the timeout aborts it
//  3. fn's promise (any thenable) resolves first: waitFor resolves with its value.
//       - resolves with the value of fn when fn finishes first, at the moment it finishes
//       - resolves with falsy values as they are: undefined, 0, an empty string, null
//       - fn may return any thenable, not only a Promise
//  4. It rejects first: waitFor rejects with the very same error, whatever it is.
//       - rejects with the very error fn rejects with, at that moment
//       - rejects with what fn rejects with even when it is not an Error: undefined, null, a string
//       - fn may return any thenable, not only a Promise
//  5. fn throws synchronously: waitFor rejects with what it threw, and never throws itself.
//       - a synchronous throw in fn becomes a rejection with what was thrown, even a non-Error
//  6. On these three paths the signal given to fn is never aborted.
//       - does not abort the signal of fn after fn has succeeded
//       - leaves no timer behind once fn has failed, and does not abort its signal
//       - a synchronous throw leaves fn's signal unaborted, and no timer or listener behind
//  7. Timeout: a DOMException named TimeoutError, fn's signal aborted with it as reason, then a
//     rejection with that same object, at exactly ms.
//       - rejects at exactly ms with a DOMException named TimeoutError, not a millisecond earlier
//       - aborts the signal of fn at that moment, with the timeout error as its reason
//       - aborts the signal before it rejects
//  8. It does not wait for fn to react: whatever fn's promise does from the abort on is ignored,
//     even a rejection at once inside its abort listener; a later rejection is not unhandled.
//       - does not wait for fn to react: rejects at ms even when fn ignores its signal
//       - rejects with the TimeoutError even when fn rejects with its own error inside its abort listener
//       - work that listens to its signal stops at the timeout, and no timer is left
//       - a rejection of fn after the timeout is not an unhandled rejection
//     (A tie, fn settling at exactly ms, may go either way: no test relies on one.)
//  9. ms of 0 or less: until the next turn of the event loop. Already settled, or settling in a
//     microtask of the current turn, wins; anything that needs a timer times out.
//       - a timeout of 0 or less lets a promise that is already settled win, either way
//       - a timeout of 0 lets a promise that settles a few microtasks later win
//       - a timeout of 0 or less times out slower work on the next turn, without time passing
// 10. options.signal already aborted: rejects with its reason at once, without calling fn and
//     without starting a timer (not even one cleared at once).
//       - an already-aborted options.signal rejects at once with its reason, without calling fn or starting a timer
//       - an already-aborted options.signal rejects with its reason as it is: a string, null, 0
// 11. options.signal aborts while waiting: fn's signal is aborted with the same reason, waitFor
//     rejects with that reason at that moment, and what fn's promise does from then on is ignored.
//       - aborting options.signal rejects with its reason at that moment and aborts fn with the same reason
//       - aborting options.signal rejects with its reason even when fn rejects with its own error inside its abort listener
//       - aborting options.signal with a reason that is not an Error rejects with that very reason
// 12. Nothing is left behind on any path: the timer is cleared once waitFor settles, its listener
//     on options.signal is removed, no rejection of fn's promise is unhandled.
//       - leaves no timer behind once fn has succeeded
//       - leaves no timer behind once fn has failed, and does not abort its signal
//       - a synchronous throw leaves fn's signal unaborted, and no timer or listener behind
//       - clears its timer when options.signal aborts
//       - removes its listener from options.signal whichever way it ends: success, failure or timeout
//       - removes its listener from options.signal after an outer abort too
//       - a rejection of fn after options.signal aborted is not an unhandled rejection
//       - aborting options.signal after waitFor has settled changes nothing
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, expectList, loadExercise, points, realTick, timeline, track, useVirtualTime, type Outcome, type Timeline, type Tracked } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/wait-for.ts')>('06-timeouts/wait-for', ['waitFor']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

type Options = Parameters<typeof ex.waitFor>[2];

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Calls waitFor, failing with a clear message if it throws instead of returning a promise. */
function call<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options?: Options): Promise<T> {
  try {
    return ex.waitFor(fn, ms, options);
  } catch (error) {
    throw thrownInstead('waitFor should never throw: every way it ends should settle the promise it returns', error);
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

/** Calls waitFor and tracks its outcome. */
const start = <T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options?: Options): Tracked<T> => track(call(fn, ms, options));

/**
 * Records `promise` on `line` as the piece `label`: it starts now and ends when the promise settles.
 * Returns the promise itself, so that what waitFor receives is unchanged. (It handles the promise:
 * not for the tests of unhandled rejections.)
 */
function during<T>(line: Timeline, label: string, promise: PromiseLike<T>): PromiseLike<T> {
  line.start(label);
  const end = (): void => line.end(label);
  Promise.resolve(promise).then(end, end);
  return promise;
}

/** Calls waitFor as the piece `waitFor` of `line`, and tracks its outcome; `fn` records its own piece (`during`). */
const startOn = <T>(line: Timeline, fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options?: Options): Tracked<T> =>
  track(during(line, 'waitFor', call(fn, ms, options)));

/** An outcome in words: `is still pending`, `resolved at 300 ms with "done"`. */
function words(outcome: Outcome<unknown>): string {
  if (outcome === 'pending') return 'is still pending';
  if ('resolved' in outcome) return `resolved at ${outcome.at} ms with ${show(outcome.resolved)}`;
  return `rejected at ${outcome.at} ms with ${show(outcome.rejected)}`;
}

/** How a tracked waitFor stands, in words, for failure messages. */
function describeOutcome(tracked: Tracked<unknown>): string {
  return `waitFor ${words(tracked.outcome())}`;
}

/** Fails unless waitFor settled as `expected` (compared with toEqual), saying what it should have done and what it did. */
function expectOutcome(tracked: Tracked<unknown>, expected: Exclude<Outcome<unknown>, 'pending'>, why: string): void {
  expect(tracked.outcome(), `${why}: waitFor should have ${words(expected)}, but it ${words(tracked.outcome())}`).toEqual(expected);
}

function show(value: unknown): string {
  if (value instanceof DOMException) return `a DOMException named ${value.name}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The name of what waitFor settled with, for the checks of a TimeoutError. */
const nameOf = (value: unknown): unknown => (value as DOMException | undefined)?.name;

/** Work that ignores its signal and resolves with `value` after `ms` of virtual time. */
function stubborn<T>(ms: number, value: T): () => Promise<T> {
  return () => new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** Work that never settles and ignores its signal. */
const never = (): Promise<never> => new Promise(() => {});

/**
 * Cooperative work: resolves with `value` after `ms`, or rejects (clearing its timer) when the
 * signal aborts, with `signal.reason`, or with `ownError` when one is given: it rejects at once,
 * inside its abort listener. `seen` records what happened to it.
 */
function cooperative<T>(ms: number, value: T, ownError?: unknown): { fn: (signal: AbortSignal) => Promise<T>; seen: string[]; signals: AbortSignal[] } {
  const seen: string[] = [];
  const signals: AbortSignal[] = [];
  const fn = (signal: AbortSignal): Promise<T> => {
    signals.push(signal);
    seen.push(`called@${clock.now()} aborted=${signal.aborted}`);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        seen.push(`finished@${clock.now()}`);
        resolve(value);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        seen.push(`aborted@${clock.now()}`);
        reject(ownError ?? signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };
  return { fn, seen, signals };
}

/** Work that ignores its signal and rejects with `error` after `ms`. */
function failsAfter(ms: number, error: unknown): () => Promise<never> {
  return () => new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

/** `promise` seen through a thenable that has only `then` (no catch, no finally), whose `then` returns another such thenable. */
function bare<T>(promise: PromiseLike<T>): PromiseLike<T> {
  return {
    then: (onFulfilled, onRejected) => bare(promise.then(onFulfilled, onRejected)),
  };
}

/** A thenable that is not a Promise and settles after `ms`. */
function thenableAfter<T>(ms: number, outcome: { value: T } | { error: unknown }): PromiseLike<T> {
  return bare(new Promise<T>((resolve, reject) => setTimeout(() => ('value' in outcome ? resolve(outcome.value) : reject(outcome.error)), ms)));
}

// What helps a learner whose code fails a test: a hint per clause and the lesson heading that teaches it.
const EXERCISE = 'wait-for-waitforfn-ms-that-aborts-the-work-and-leaks-no-timer';
const FOLLOWS_FN = {
  hint: "Follow fn's promise with `.then(onValue, onError)` and settle waitFor inside those handlers, the moment they run: waitFor resolves or rejects with exactly what fn's promise gave.",
  section: EXERCISE,
} as const;
const AS_IT_IS = {
  hint: 'Pass on what you receive untouched: a check such as `if (value)`, `if (error)` or `reason ?? …` mistakes `undefined`, `0`, `null` or `\'\'` for "nothing", and `new Error(String(error))` changes what the caller catches.',
  section: EXERCISE,
} as const;
const CALLS_FN = {
  hint: 'Create the `AbortController` and call `fn(controller.signal)` in the body of `waitFor` itself (the executor of `new Promise` runs at once too), not in a `.then` or a timer callback, and only once.',
  section: 'abortcontroller-and-abortsignal',
} as const;
const OWN_SIGNAL = {
  hint: "Always hand fn the signal of your own controller, never `options.signal`: the caller's signal is not yours to abort, and yours is the one your timer aborts. Pass an outer abort on to your controller from a listener.",
  section: 'combining-signals-abortsignalany',
} as const;
const CLEARS_TIMER = {
  hint: 'Keep the id that `setTimeout` returns and call `clearTimeout` with it on every way out, not only on the timeout: when fn resolves, rejects or throws, and when options.signal aborts.',
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const LEAVES_FN_ALONE = {
  hint: "Abort fn's signal only when the time is up or options.signal aborts. A cleanup that calls `controller.abort()` on every way out (in a `finally`, say) also aborts it after fn has finished by itself.",
  section: EXERCISE,
} as const;
const SYNC_THROW = {
  hint: 'fn may throw before it returns a promise: wrap the call `fn(signal)` in `try`/`catch` and reject with what was caught, so that waitFor always returns a promise.',
  section: EXERCISE,
} as const;
const SYNC_THROW_CLEANUP = {
  hint: "A throw in fn is one more way out: send it through the same cleanup as the others (clear the timer, remove your listener from options.signal), and leave fn's signal unaborted.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const THENABLE = {
  hint: 'A thenable may have nothing but `then`: call `.then(onValue, onError)` with both handlers, or wrap it in `Promise.resolve(…)` first, instead of calling `.catch` or `.finally` on it.',
  section: EXERCISE,
} as const;
const TIMEOUT_ERROR = {
  hint: "When the timer fires, reject right there with `new DOMException(message, 'TimeoutError')`: not an `Error`, not the `AbortError` that `controller.abort()` makes when given no reason, and without waiting for fn to react to the abort.",
  section: 'a-timeout-is-an-abort-with-a-timeouterror',
} as const;
const ABORTS_WITH_TIMEOUT = {
  hint: "Make one timeout error and use it twice: `controller.abort(error)` gives fn's signal that reason, and waitFor rejects with the same object, in the same timer callback.",
  section: 'a-timeout-is-an-abort-with-a-timeouterror',
} as const;
const ABORT_FIRST = {
  hint: "Abort fn's signal in the timer's callback itself, next to the `reject`: not later, after an `await` or in a `.then`. By the time the caller sees the TimeoutError, fn's signal must already be aborted.",
  section: 'a-timeout-is-an-abort-with-a-timeouterror',
} as const;
const SETTLE_BEFORE_ABORT = {
  hint: "Abort listeners run inside `abort()`, so fn's promise can reject before the line after `controller.abort(…)` runs, and then comes first in a race. Settle waitFor (or mark it settled) first, then abort, and ignore fn's promise from then on.",
  section: 'abortcontroller-and-abortsignal',
} as const;
const NO_WAITING = {
  hint: "Reject in the timer's callback, at once: do not wait for fn's promise after the abort. Work that ignores its signal may never settle, which is why this `waitFor` stops waiting where asyncio's `wait_for` would wait.",
  section: 'a-timeout-is-an-abort-with-a-timeouterror',
} as const;
const WORK_STOPS = {
  hint: "Work stops only where it listens to its signal: when the time is up, abort the controller whose signal fn received, with the timeout error, so that fn can clear its own timer.",
  section: 'cooperative-cancellation-the-work-has-to-listen',
} as const;
const LATE_REJECTION = {
  hint: "Keep a rejection handler on fn's promise even once waitFor has settled: the error handler of `.then(onValue, onError)` can simply do nothing when it comes too late, but it must be there.",
  section: EXERCISE,
} as const;
const ZERO_MS = {
  hint: 'Do not treat `ms <= 0` as "time out at once": start `setTimeout(…, ms)` as usual. Node runs a timer of 0 (or less) on the next turn of the event loop, after every promise callback of the current turn.',
  section: EXERCISE,
} as const;
const OUTER_ABORT = {
  hint: "In your 'abort' listener on options.signal, abort your controller with `options.signal.reason` and reject with that same reason: `controller.abort()` with no argument would make a new AbortError instead.",
  section: 'combining-signals-abortsignalany',
} as const;
const ALREADY_ABORTED = {
  hint: "A signal that is already aborted fires no more 'abort' events: check `options.signal?.aborted` first, before starting the timer or calling fn, and reject with `options.signal.reason` at once.",
  section: 'abortcontroller-and-abortsignal',
} as const;
const REMOVES_LISTENER = {
  hint: "`{ once: true }` removes a listener only after it has run. Call `options.signal.removeEventListener('abort', onAbort)` in your cleanup, on every way out, the outer abort included.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const AFTER_SETTLING = {
  hint: "Once waitFor has settled, an outer abort must reach neither the outcome nor fn's signal: remove your listener from options.signal as soon as waitFor settles, and never hand fn options.signal itself.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;

describe('finishing in time', () => {
  test('resolves with the value of fn when fn finishes first, at the moment it finishes', points(2, FOLLOWS_FN), async () => {
    const line = timeline(clock);
    const waiting = startOn(line, () => during(line, 'fn', stubborn(300, 'done')()), 1000);
    await clock.advance(1000);
    line.expect({ fn: [0, 300], waitFor: [0, 300] }, 'fn resolves at 300 ms, within the limit of 1000 ms: waitFor should resolve at that very moment, not earlier, not later');
    expectOutcome(waiting, { resolved: 'done', at: 300 }, 'fn resolved with "done" at 300 ms, within the limit of 1000 ms');
  });

  test('calls fn once, synchronously, with an AbortSignal that is not aborted', points(2, CALLS_FN), async () => {
    const work = cooperative(100, 'x');
    const waiting = start(work.fn, 1000);
    expectList(work.seen, ['called@0 aborted=false'], 'the calls of fn made before waitFor returned (called@virtual ms, and whether its signal was aborted then),');
    expect(work.signals[0], 'fn should receive an AbortSignal').toBeInstanceOf(AbortSignal);
    await clock.advance(100);
    expect(waiting.state(), `fn resolved at 100 ms, but ${describeOutcome(waiting)}`).toBe('resolved');
    expect(work.signals, 'fn should be called exactly once').toHaveLength(1);
  });

  test("fn gets a signal of waitFor's own even when options.signal is given, and the timeout aborts it", points(1, OWN_SIGNAL), async () => {
    const outer = new AbortController();
    const work = cooperative(5000, 'late');
    const waiting = start(work.fn, 1000, { signal: outer.signal });
    expect(work.signals[0], 'fn should get the signal of an AbortController of waitFor, not options.signal').not.toBe(outer.signal);
    await clock.advance(1000);
    expect(waiting.state(), `the limit is 1000 ms, and by then ${describeOutcome(waiting)}`).toBe('rejected');
    expect(work.signals[0]?.aborted, "fn's signal should be aborted by the timeout").toBe(true);
    expect(outer.signal.aborted, 'options.signal belongs to the caller: waitFor cannot abort it').toBe(false);
  });

  test('leaves no timer behind once fn has succeeded', points(2, CLEARS_TIMER), async () => {
    const waiting = start(stubborn(100, 'ok'), 5000);
    await clock.advance(100);
    expectOutcome(waiting, { resolved: 'ok', at: 100 }, 'fn resolved with "ok" at 100 ms');
    expect(clock.pendingTimers(), 'timers still pending after waitFor resolved (the 5000 ms timer should be cleared)').toBe(0);
  });

  test('does not abort the signal of fn after fn has succeeded', points(1, LEAVES_FN_ALONE), async () => {
    const work = cooperative(100, 'ok');
    const waiting = start(work.fn, 1000);
    await clock.advance(100);
    expect(waiting.state(), `fn resolved at 100 ms, but ${describeOutcome(waiting)}`).toBe('resolved');
    await clock.advance(2000);
    expect(work.signals[0]?.aborted, 'fn succeeded: its signal should never be aborted').toBe(false);
  });

  test('resolves with falsy values as they are: undefined, 0, an empty string, null', points(1, AS_IT_IS), async () => {
    const values = [undefined, 0, '', null];
    const waits = values.map((value) => start(stubborn(100, value), 1000));
    await clock.advance(100);
    for (const [i, waiting] of waits.entries()) {
      expectOutcome(waiting, { resolved: values[i], at: 100 }, `fn resolved with ${show(values[i])} at 100 ms`);
    }
    expect(clock.pendingTimers(), 'timers still pending after every waitFor resolved').toBe(0);
  });

  test('rejects with the very error fn rejects with, at that moment', points(2, FOLLOWS_FN), async () => {
    const error = new RangeError('bad input');
    const waiting = start(failsAfter(200, error), 1000);
    await clock.advance(200);
    expect(waiting.state(), `fn rejected at 200 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.settledAt(), 'when waitFor rejected (ms; fn rejected at 200 ms)').toBe(200);
    expect(waiting.value(), 'waitFor should reject with the very error object of fn, unchanged').toBe(error);
  });

  test('rejects with what fn rejects with even when it is not an Error: undefined, null, a string', points(1, AS_IT_IS), async () => {
    const errors = [undefined, null, 'plain string', { code: 42 }];
    const waits = errors.map((error) => start(failsAfter(100, error), 1000));
    await clock.advance(100);
    for (const [i, waiting] of waits.entries()) {
      expectOutcome(waiting, { rejected: errors[i], at: 100 }, `fn rejected with ${show(errors[i])} at 100 ms`);
      expect(waiting.value(), `fn rejected with ${show(errors[i])}: waitFor should reject with that very value`).toBe(errors[i]);
    }
  });

  test('leaves no timer behind once fn has failed, and does not abort its signal', points(1, CLEARS_TIMER), async () => {
    let signal: AbortSignal | undefined;
    const waiting = start((s) => {
      signal = s;
      return failsAfter(200, new Error('nope'))();
    }, 1000);
    await clock.advance(200);
    expect(waiting.state(), `fn rejected at 200 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(clock.pendingTimers(), 'timers still pending after fn failed').toBe(0);
    expect(signal?.aborted, 'fn failed by itself: its signal should not be aborted').toBe(false);
  });

  test('a synchronous throw in fn becomes a rejection with what was thrown, even a non-Error', points(1, SYNC_THROW), async () => {
    for (const thrown of [new Error('thrown at once'), 'a string', undefined]) {
      let waiting: Promise<unknown>;
      try {
        waiting = ex.waitFor(() => {
          throw thrown;
        }, 1000);
      } catch (error) {
        throw thrownInstead(`waitFor should never throw: a throw in fn becomes a rejection (fn threw ${show(thrown)})`, error);
      }
      const outcome = track(waiting);
      await clock.settle();
      expectOutcome(outcome, { rejected: thrown, at: 0 }, `fn threw ${show(thrown)}`);
    }
  });

  test("a synchronous throw leaves fn's signal unaborted, and no timer or listener behind", points(1, SYNC_THROW_CLEANUP), async () => {
    const outer = new AbortController();
    let signal: AbortSignal | undefined;
    const waiting = start(
      (s) => {
        signal = s;
        throw new Error('thrown at once');
      },
      1000,
      { signal: outer.signal },
    );
    await clock.settle();
    expect(waiting.state(), `fn threw at once, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(signal?.aborted, 'fn threw by itself: its signal should not be aborted').toBe(false);
    expect(clock.pendingTimers(), 'timers still pending after fn threw').toBe(0);
    expect(listeners(outer.signal), 'abort listeners left on options.signal after fn threw').toBe(0);
  });

  test('fn may return any thenable, not only a Promise', points(1, THENABLE), async () => {
    const error = new Error('from a thenable');
    const resolved = start(() => thenableAfter(100, { value: 'from a thenable' }), 1000);
    const rejected = start(() => thenableAfter(100, { error }), 1000);
    await clock.advance(100);
    expectOutcome(resolved, { resolved: 'from a thenable', at: 100 }, 'fn returned a thenable (only a `then` method) that resolves at 100 ms');
    expectOutcome(rejected, { rejected: error, at: 100 }, 'fn returned a thenable (only a `then` method) that rejects at 100 ms');
    expect(clock.pendingTimers(), 'timers still pending after both settled').toBe(0);
  });
});

describe('timing out', () => {
  test('rejects at exactly ms with a DOMException named TimeoutError, not a millisecond earlier', points(3, TIMEOUT_ERROR), async () => {
    const line = timeline(clock);
    const waiting = startOn(line, () => during(line, 'fn', never()), 1000);
    await clock.advance(2000);
    line.expect({ fn: [0, null], waitFor: [0, 1000] }, 'fn never settles: waitFor should reject at exactly 1000 ms, the limit, not a millisecond earlier or later');
    expect(waiting.state(), `the limit is 1000 ms, and ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.value(), `the timeout error should be a DOMException, got ${show(waiting.value())}`).toBeInstanceOf(DOMException);
    expect(nameOf(waiting.value()), "the name of the timeout error (new DOMException(message, 'TimeoutError'))").toBe('TimeoutError');
  });

  test('aborts the signal of fn at that moment, with the timeout error as its reason', points(2, ABORTS_WITH_TIMEOUT), async () => {
    const line = timeline(clock);
    const work = cooperative(5000, 'late');
    const waiting = startOn(line, (signal) => during(line, 'fn', work.fn(signal)), 1000);
    await clock.advance(999);
    expect(work.signals[0]?.aborted, "fn's signal should not be aborted before 1000 ms").toBe(false);
    await clock.advance(4001);
    line.expect(
      { fn: [0, 1000], waitFor: [0, 1000] },
      "the limit is 1000 ms: waitFor should abort fn's signal then, so that fn (which listens to it, and would take 5000 ms) stops, and reject at that moment",
    );
    expect(work.signals[0]?.aborted, "fn's signal should be aborted at 1000 ms").toBe(true);
    expectList(work.seen, ['called@0 aborted=false', 'aborted@1000'], 'what fn saw (called@virtual ms, then aborted@virtual ms),');
    expect(waiting.state(), `the limit is 1000 ms, and ${describeOutcome(waiting)}`).toBe('rejected');
    expect(work.signals[0]?.reason, "the reason of fn's signal should be the very error waitFor rejects with").toBe(waiting.value());
  });

  test('aborts the signal before it rejects', points(1, ABORT_FIRST), async () => {
    const work = cooperative(5000, 'late');
    const abortedWhenRejected = call(work.fn, 1000).then(
      () => 'resolved',
      () => work.signals[0]?.aborted,
    );
    await clock.advance(1000);
    expect(await abortedWhenRejected, "when waitFor rejects, fn's signal should already be aborted").toBe(true);
  });

  test('rejects with the TimeoutError even when fn rejects with its own error inside its abort listener', points(2, SETTLE_BEFORE_ABORT), async () => {
    const own = new Error('fn cleaned up and failed');
    const work = cooperative(5000, 'late', own);
    const waiting = start(work.fn, 1000);
    await clock.advance(1000);
    expect(waiting.state(), `the limit is 1000 ms, and by then ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.value(), `fn's own rejection comes after the abort and must be ignored, but ${describeOutcome(waiting)}`).toBe(work.signals[0]?.reason);
    expect(nameOf(waiting.value()), 'the name of what waitFor rejected with (the timeout error)').toBe('TimeoutError');
  });

  test('does not wait for fn to react: rejects at ms even when fn ignores its signal', points(2, NO_WAITING), async () => {
    const line = timeline(clock);
    const waiting = startOn(line, () => during(line, 'fn', stubborn(5000, 'much later')()), 1000);
    await clock.advance(5000);
    line.expect({ fn: [0, 5000], waitFor: [0, 1000] }, 'fn ignores its signal and runs until 5000 ms: waitFor should still reject at 1000 ms, the limit, without waiting for fn');
    expect(waiting.state(), `the limit is 1000 ms, and ${describeOutcome(waiting)}`).toBe('rejected');
    expect(nameOf(waiting.value()), 'a late value of fn must not change the outcome: the name of what waitFor rejected with').toBe('TimeoutError');
  });

  test('work that listens to its signal stops at the timeout, and no timer is left', points(2, WORK_STOPS), async () => {
    const line = timeline(clock);
    const work = cooperative(5000, 'late');
    const waiting = startOn(line, (signal) => during(line, 'fn', work.fn(signal)), 1000);
    await clock.advance(1000);
    const timersAfterTimeout = clock.pendingTimers();
    await clock.advance(5000);
    line.expect({ fn: [0, 1000], waitFor: [0, 1000] }, 'the limit is 1000 ms: fn listens to its signal, so it should stop then, when waitFor aborts it, instead of running on until 5000 ms');
    expect(waiting.state(), `the limit is 1000 ms, and ${describeOutcome(waiting)}`).toBe('rejected');
    expect(timersAfterTimeout, "timers still pending at 1000 ms, after the timeout (fn's 5000 ms timer stops when its signal aborts)").toBe(0);
    expect(work.seen, 'fn should have stopped at the timeout, but it finished its work at 5000 ms').not.toContain('finished@5000');
  });

  test('a rejection of fn after the timeout is not an unhandled rejection', points(2, LATE_REJECTION), async () => {
    const waiting = start(failsAfter(3000, new Error('too late to matter')), 1000);
    await clock.advance(1000);
    expect(waiting.state(), `the limit is 1000 ms, and by then ${describeOutcome(waiting)}`).toBe('rejected');
    await clock.advance(2000);
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('a timeout of 0 or less lets a promise that is already settled win, either way', points(1, ZERO_MS), async () => {
    const error = new Error('already failed');
    const resolved = start(() => Promise.resolve('ready'), 0);
    const rejected = start(() => Promise.reject(error), 0);
    const negative = start(() => Promise.resolve('ready too'), -100);
    await clock.settle();
    expectOutcome(resolved, { resolved: 'ready', at: 0 }, 'ms 0 and fn returning an already-resolved promise');
    expectOutcome(rejected, { rejected: error, at: 0 }, 'ms 0 and fn returning an already-rejected promise');
    expectOutcome(negative, { resolved: 'ready too', at: 0 }, 'ms -100 and fn returning an already-resolved promise');
  });

  test('a timeout of 0 lets a promise that settles a few microtasks later win', points(1, ZERO_MS), async () => {
    const waiting = start(async () => {
      for (let i = 0; i < 10; i++) await null;
      return 'soon';
    }, 0);
    await clock.settle();
    expectOutcome(waiting, { resolved: 'soon', at: 0 }, 'ms 0 and work that resolves after ten awaits, in the current turn');
  });

  test('a timeout of 0 or less times out slower work on the next turn, without time passing', points(1, ZERO_MS), async () => {
    const zero = start(stubborn(10, 'x'), 0);
    const negative = start(stubborn(10, 'y'), -100);
    await clock.settle();
    expect(zero.state(), `ms 0 and work that takes 10 ms: by the next turn ${describeOutcome(zero)}`).toBe('rejected');
    expect(negative.state(), `ms -100 and work that takes 10 ms: by the next turn ${describeOutcome(negative)}`).toBe('rejected');
    expect(zero.settledAt(), 'when waitFor with ms 0 rejected (ms)').toBe(0);
    expect(negative.settledAt(), 'when waitFor with ms -100 rejected (ms)').toBe(0);
    expect(nameOf(negative.value()), 'ms -100: the name of what waitFor rejected with').toBe('TimeoutError');
  });
});

describe('cancelling from outside', () => {
  test('aborting options.signal rejects with its reason at that moment and aborts fn with the same reason', points(2, OUTER_ABORT), async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const line = timeline(clock);
    const work = cooperative(5000, 'late');
    const waiting = startOn(line, (signal) => during(line, 'fn', work.fn(signal)), 1000, { signal: controller.signal });
    await clock.advance(300);
    controller.abort(reason);
    await clock.advance(5000);
    line.expect(
      { fn: [0, 300], waitFor: [0, 300] },
      "options.signal aborts at 300 ms, before the limit of 1000 ms: waitFor should abort fn's signal then, so that fn (which listens to it, and would take 5000 ms) stops, and reject at that moment",
    );
    expect(waiting.state(), `options.signal aborted at 300 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.value(), 'waitFor should reject with the very reason of options.signal').toBe(reason);
    expect(work.signals[0]?.reason, "fn's signal should be aborted with the same reason").toBe(reason);
    expect(work.seen, "fn's signal should abort at 300 ms, when options.signal does").toContain('aborted@300');
  });

  test('aborting options.signal rejects with its reason even when fn rejects with its own error inside its abort listener', points(1, SETTLE_BEFORE_ABORT), async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const work = cooperative(5000, 'late', new Error('fn cleaned up and failed'));
    const waiting = start(work.fn, 1000, { signal: controller.signal });
    await clock.advance(300);
    controller.abort(reason);
    await clock.settle();
    expectOutcome(waiting, { rejected: reason, at: 300 }, "options.signal aborted at 300 ms, and fn's own rejection after it must be ignored");
  });

  test('aborting options.signal with a reason that is not an Error rejects with that very reason', points(1, AS_IT_IS), async () => {
    for (const reason of ['stop', null, 0]) {
      const controller = new AbortController();
      const work = cooperative(5000, 'late');
      const waiting = start(work.fn, 1000, { signal: controller.signal });
      await clock.advance(100);
      controller.abort(reason);
      await clock.settle();
      expect(waiting.value(), `abort(${show(reason)}): waitFor should reject with that very reason, but ${describeOutcome(waiting)}`).toBe(reason);
      expect(work.signals[0]?.reason, `abort(${show(reason)}): fn's signal should carry the same reason`).toBe(reason);
    }
  });

  test('clears its timer when options.signal aborts', points(1, CLEARS_TIMER), async () => {
    const controller = new AbortController();
    const waiting = start(never, 1000, { signal: controller.signal });
    await clock.advance(300);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), `options.signal aborted at 300 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(clock.pendingTimers(), 'the 1000 ms timer should be cleared when options.signal aborts').toBe(0);
  });

  test('an already-aborted options.signal rejects at once with its reason, without calling fn or starting a timer', points(2, ALREADY_ABORTED), async () => {
    const reason = new Error('cancelled before the start');
    let calls = 0;
    const waiting = start(
      () => {
        calls++;
        return never();
      },
      1000,
      { signal: AbortSignal.abort(reason) },
    );
    expect(clock.timersStarted(), 'timers started for an already-aborted options.signal (even one cleared at once counts)').toBe(0);
    await clock.settle();
    expectOutcome(waiting, { rejected: reason, at: 0 }, 'options.signal was already aborted');
    expect(calls, 'fn should not be called').toBe(0);
  });

  test('an already-aborted options.signal rejects with its reason as it is: a string, null, 0', points(1, AS_IT_IS), async () => {
    for (const reason of ['stop', null, 0]) {
      let calls = 0;
      const waiting = start(
        () => {
          calls++;
          return never();
        },
        1000,
        { signal: AbortSignal.abort(reason) },
      );
      await clock.settle();
      expectOutcome(waiting, { rejected: reason, at: 0 }, `options.signal was AbortSignal.abort(${show(reason)})`);
      expect(calls, `AbortSignal.abort(${show(reason)}): fn should not be called`).toBe(0);
    }
  });

  test('removes its listener from options.signal whichever way it ends: success, failure or timeout', points(2, REMOVES_LISTENER), async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const succeeded = start(stubborn(100, 'ok'), 1000, { signal });
    await clock.advance(100);
    expect(succeeded.state(), `fn resolved at 100 ms, but ${describeOutcome(succeeded)}`).toBe('resolved');
    expect(listeners(signal), 'abort listeners left on options.signal after fn succeeded').toBe(0);

    const failed = start(failsAfter(100, new Error('nope')), 1000, { signal });
    await clock.advance(100);
    expect(failed.state(), `fn rejected after 100 ms, but ${describeOutcome(failed)}`).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on options.signal after fn failed').toBe(0);

    const timedOut = start(never, 100, { signal });
    await clock.advance(100);
    expect(timedOut.state(), `fn never settles and the limit is 100 ms, but ${describeOutcome(timedOut)}`).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on options.signal after the timeout').toBe(0);
  });

  test('removes its listener from options.signal after an outer abort too', points(1, REMOVES_LISTENER), async () => {
    const controller = new AbortController();
    const waiting = start(never, 1000, { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), `options.signal aborted at 100 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on options.signal after it aborted').toBe(0);
  });

  test('a rejection of fn after options.signal aborted is not an unhandled rejection', points(1, LATE_REJECTION), async () => {
    const controller = new AbortController();
    const cooperating = cooperative(5000, 'late');
    const first = start(cooperating.fn, 1000, { signal: controller.signal });
    const second = start(failsAfter(500, new Error('too late to matter')), 1000, { signal: controller.signal });
    await clock.advance(100);
    controller.abort(new Error('user cancelled'));
    await clock.advance(1000);
    await realTick();
    expect(first.state(), `options.signal aborted at 100 ms, but the first ${describeOutcome(first)}`).toBe('rejected');
    expect(second.state(), `options.signal aborted at 100 ms, but the second ${describeOutcome(second)}`).toBe('rejected');
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('aborting options.signal after waitFor has settled changes nothing', points(1, AFTER_SETTLING), async () => {
    const controller = new AbortController();
    const work = cooperative(100, 'kept');
    const waiting = start(work.fn, 1000, { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expectOutcome(waiting, { resolved: 'kept', at: 100 }, 'fn resolved with "kept" at 100 ms, and options.signal aborted only after that');
    expect(work.signals[0]?.aborted, "fn's signal should stay unaborted once waitFor has settled").toBe(false);
  });
});
