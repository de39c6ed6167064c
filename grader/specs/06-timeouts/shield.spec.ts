// Hidden spec of shield(work, signal).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. Until signal aborts, the returned promise settles as work does, at the moment it does: same
//     value, or the very same error, whatever it is.
//       - resolves with the value of the work, at the moment the work resolves
//       - rejects with the very error of the work, at the moment the work rejects
//       - settles with what the work settles with even when it is falsy or not an Error
//  2. With no signal, it simply follows work.
//       - without a signal, it simply follows the work
//  3. work may be any thenable; what shield returns is always a real Promise.
//       - accepts any thenable as the work, with or without a signal, and returns a real Promise
//  4. signal aborts first: rejects with signal.reason at that moment.
//       - aborting the signal rejects with signal.reason at that moment
//       - the default reason is a DOMException named AbortError
//  5. signal already aborted: rejects with signal.reason at once, without waiting for work, and
//     without throwing.
//       - an already-aborted signal rejects with its reason at once, without waiting for the work
//  6. The reason is used as it is, whatever it is.
//       - a reason that is not an Error is used as it is, before and during the wait: a string, null, 0
//  7. shield never tries to stop work; whoever holds work still gets its outcome.
//       - the work runs on after the wait is cancelled, and whoever holds it gets its value
//       - two waits on the same work are independent: cancelling one leaves the other waiting
//  8. It still follows work after the wait is cancelled, and when signal was already aborted: a later
//     failure of work is never an unhandled rejection because of shield.
//       - a failure of the work after the wait was cancelled is not an unhandled rejection
//       - a failure of the work is not an unhandled rejection when the signal was already aborted
//  9. Nothing is left behind: no abort listener of shield on signal once it has settled, whichever
//     way, even if work never settles; aborting afterwards changes nothing.
//       - removes its abort listener once the work has settled, either way
//       - removes its abort listener when the signal aborts
//       - leaves no abort listener on a signal that was already aborted, even if the work never settles
//       - aborting the signal after the work has settled changes nothing
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, expectList, loadExercise, points, realTick, timeline, track, useVirtualTime, type Outcome, type Timeline, type Tracked } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/shield.ts')>('06-timeouts/shield', ['shield']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Calls shield, failing with a clear message if it throws instead of returning a promise. */
function start<T>(work: PromiseLike<T>, signal?: AbortSignal): { returned: Promise<T>; tracked: Tracked<T> } {
  let returned: Promise<T>;
  try {
    returned = ex.shield(work, signal);
  } catch (error) {
    throw thrownInstead('shield should never throw: it should return a promise that rejects', error);
  }
  return { returned, tracked: track(returned) };
}

/**
 * Records `promise` on `line` as the piece `label`: it starts now and ends when the promise settles.
 * Returns the promise itself, so that what shield receives is unchanged. (It handles the promise:
 * not for the tests of unhandled rejections.)
 */
function during<T>(line: Timeline, label: string, promise: PromiseLike<T>): PromiseLike<T> {
  line.start(label);
  const end = (): void => line.end(label);
  Promise.resolve(promise).then(end, end);
  return promise;
}

/**
 * What a test fails with when the function under test throws instead of returning a promise: the
 * untouched stub's own error as it is (it says what to do), or else `should` and what was thrown.
 */
function thrownInstead(should: string, error: unknown): unknown {
  if (error instanceof Error && /not implemented yet/i.test(error.message)) return error;
  return new Error(`${should}, but it threw ${show(error)}`);
}

/** An outcome in words: `is still pending`, `resolved at 300 ms with "saved"`. */
function words(outcome: Outcome<unknown>): string {
  if (outcome === 'pending') return 'is still pending';
  if ('resolved' in outcome) return `resolved at ${outcome.at} ms with ${show(outcome.resolved)}`;
  return `rejected at ${outcome.at} ms with ${show(outcome.rejected)}`;
}

/** How a tracked shield stands, in words, for failure messages. */
function describeOutcome(tracked: Tracked<unknown>): string {
  return `the wait ${words(tracked.outcome())}`;
}

/** Fails unless the wait settled as `expected` (compared with toEqual), saying what it should have done and what it did. */
function expectOutcome(tracked: Tracked<unknown>, expected: Exclude<Outcome<unknown>, 'pending'>, why: string, what = 'the wait'): void {
  expect(tracked.outcome(), `${why}: ${what} should have ${words(expected)}, but it ${words(tracked.outcome())}`).toEqual(expected);
}

function show(value: unknown): string {
  if (value instanceof DOMException) return `a DOMException named ${value.name}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Work already running, with no signal: resolves with `value` after `ms`, and logs when it ends. */
function saving<T>(ms: number, value: T, log: string[] = []): Promise<T> {
  return new Promise((resolve) =>
    setTimeout(() => {
      log.push(`saved@${clock.now()}`);
      resolve(value);
    }, ms),
  );
}

/** Work already running, with no signal: rejects with `error` after `ms`. */
function failing(ms: number, error: unknown): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

/** `promise` seen through a thenable that has only `then` (no catch, no finally), whose `then` returns another such thenable. */
function bare<T>(promise: PromiseLike<T>): PromiseLike<T> {
  return {
    then: (onFulfilled, onRejected) => bare(promise.then(onFulfilled, onRejected)),
  };
}


// What helps a learner whose code fails a test: a hint per clause and the lesson heading that teaches it.
const EXERCISE = 'shield-shield-keep-the-work-running-when-the-wait-is-cancelled';
const FOLLOWS = {
  hint: 'Subscribe to the work inside the executor of the promise you return, with both handlers, so that the wait settles the moment the work does, with exactly its value or its error.',
  section: 'shielding-work-from-cancellation',
} as const;
const AS_IT_IS = {
  hint: 'Pass on what you receive untouched: `undefined`, `0`, `null` or a string is a real value, error or reason. A check such as `if (value)` or `reason ?? …`, or a `new Error(…)` around it, changes what the caller gets.',
  section: EXERCISE,
} as const;
const NO_SIGNAL = {
  hint: 'The signal is optional: with none there is nothing to listen to, so write `signal?.` wherever you use it and simply follow the work.',
  section: EXERCISE,
} as const;
const THENABLE = {
  hint: 'Always return a promise of your own (`new Promise(…)`), even without a signal: returning `work` as it is hands back a thenable that is not a Promise. Follow it with `.then(onValue, onError)`, which every thenable has.',
  section: EXERCISE,
} as const;
const REMOVES_LISTENER = {
  hint: "`{ once: true }` removes a listener only after it has run. When the work settles, whichever way, call `signal.removeEventListener('abort', onAbort)` before settling the wait.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const SETTLES_ONCE = {
  hint: 'Once the wait has settled, a later abort must change nothing: settle one promise, which settles only once, and remove your listener as soon as the work wins.',
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const ABORT_REJECTS = {
  hint: "Add an 'abort' listener to the signal that rejects the wait with `signal.reason`, at once: the work goes on, only the wait ends.",
  section: 'shielding-work-from-cancellation',
} as const;
const REASON = {
  hint: 'Reject with `signal.reason` itself: `controller.abort()` with no argument has already made it a DOMException named AbortError, so do not build an error of your own.',
  section: 'abortcontroller-and-abortsignal',
} as const;
const LEAVES_WORK = {
  hint: 'shield never touches the work: it has no signal to abort and nothing to stop it with. Reject the wait and leave `work` alone, so that whoever holds it still gets its value.',
  section: 'shielding-work-from-cancellation',
} as const;
const ALREADY_ABORTED = {
  hint: "A signal that is already aborted fires no more 'abort' events: check `signal.aborted` first and reject with `signal.reason` at once, without throwing and without waiting for the work.",
  section: 'shielding-work-from-cancellation',
} as const;
const NO_LISTENER_WHEN_ABORTED = {
  hint: 'When the signal is already aborted, reject and add no listener: it would never run, and if the work never settles, nothing would ever remove it.',
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const REMOVES_ON_ABORT = {
  hint: "The listener must go once it has run too: add it with `{ once: true }`, or remove it with `removeEventListener` inside the listener.",
  section: 'leave-nothing-behind-timers-and-listeners',
} as const;
const LATE_FAILURE = {
  hint: 'Subscribe to the work with both handlers in one `.then(onValue, onError)`, first, on every path, the already-aborted one included: that subscription is what handles a failure that comes after the wait was cancelled.',
  section: EXERCISE,
} as const;
const INDEPENDENT = {
  hint: 'Cancelling one wait rejects only the promise of that call: each call follows the work and listens to its own signal, and none of them may stop the work, which the other wait is still following.',
  section: 'shielding-work-from-cancellation',
} as const;

describe('following the work', () => {
  test('resolves with the value of the work, at the moment the work resolves', points(2, FOLLOWS), async () => {
    const controller = new AbortController();
    const line = timeline(clock);
    const { returned, tracked: waiting } = start(during(line, 'work', saving(300, 'saved')), controller.signal);
    during(line, 'wait', returned);
    await clock.advance(300);
    line.expect({ work: [0, 300], wait: [0, 300] }, 'the work resolves at 300 ms, and the signal never aborts: the wait should resolve at that very moment, not earlier, not later');
    expectOutcome(waiting, { resolved: 'saved', at: 300 }, 'the work resolved with "saved" at 300 ms');
  });

  test('rejects with the very error of the work, at the moment the work rejects', points(2, FOLLOWS), async () => {
    const controller = new AbortController();
    const error = new Error('disk full');
    const line = timeline(clock);
    const { returned, tracked: waiting } = start(during(line, 'work', failing(300, error)), controller.signal);
    during(line, 'wait', returned);
    await clock.advance(300);
    line.expect({ work: [0, 300], wait: [0, 300] }, 'the work rejects at 300 ms, and the signal never aborts: the wait should reject at that very moment');
    expectOutcome(waiting, { rejected: error, at: 300 }, 'the work rejected at 300 ms');
    expect(waiting.value(), 'the wait should reject with the very error object of the work').toBe(error);
  });

  test('settles with what the work settles with even when it is falsy or not an Error', points(1, AS_IT_IS), async () => {
    const controller = new AbortController();
    const values = [undefined, 0, null, ''];
    const errors = [undefined, null, 'plain string', { code: 42 }];
    const resolved = values.map((value) => start(saving(100, value), controller.signal).tracked);
    const rejected = errors.map((error) => start(failing(100, error), controller.signal).tracked);
    await clock.advance(100);
    for (const [i, waiting] of resolved.entries()) {
      expectOutcome(waiting, { resolved: values[i], at: 100 }, `the work resolved with ${show(values[i])} at 100 ms`);
    }
    for (const [i, waiting] of rejected.entries()) {
      expectOutcome(waiting, { rejected: errors[i], at: 100 }, `the work rejected with ${show(errors[i])} at 100 ms`);
      expect(waiting.value(), `the work rejected with ${show(errors[i])}: the wait should reject with that very value`).toBe(errors[i]);
    }
  });

  test('without a signal, it simply follows the work', points(1, NO_SIGNAL), async () => {
    const error = new Error('nope');
    const { tracked: resolved } = start(saving(100, 42));
    const { tracked: rejected } = start(failing(200, error));
    await clock.advance(200);
    expectOutcome(resolved, { resolved: 42, at: 100 }, 'no signal, and the work resolved with 42 at 100 ms');
    expectOutcome(rejected, { rejected: error, at: 200 }, 'no signal, and the work rejected at 200 ms');
  });

  test('accepts any thenable as the work, with or without a signal, and returns a real Promise', points(1, THENABLE), async () => {
    const error = new Error('failed in a thenable');
    const withSignal = start(bare(saving(100, 'from a thenable')), new AbortController().signal);
    const withoutSignal = start(bare(saving(100, 'no signal')));
    const failed = start(bare(failing(100, error)));
    expect(withSignal.returned, 'shield should return a real Promise').toBeInstanceOf(Promise);
    expect(withoutSignal.returned, 'shield should return a real Promise even without a signal, for a thenable work').toBeInstanceOf(Promise);
    await clock.advance(100);
    expectOutcome(withSignal.tracked, { resolved: 'from a thenable', at: 100 }, 'a signal, and work that is a thenable (only a `then` method) resolving at 100 ms');
    expectOutcome(withoutSignal.tracked, { resolved: 'no signal', at: 100 }, 'no signal, and work that is a thenable resolving at 100 ms');
    expectOutcome(failed.tracked, { rejected: error, at: 100 }, 'no signal, and work that is a thenable rejecting at 100 ms');
  });

  test('removes its abort listener once the work has settled, either way', points(2, REMOVES_LISTENER), async () => {
    const controller = new AbortController();
    const { tracked: resolved } = start(saving(100, 'ok'), controller.signal);
    await clock.advance(100);
    expect(resolved.state(), `the work resolved at 100 ms, but ${describeOutcome(resolved)}`).toBe('resolved');
    expect(listeners(controller.signal), 'abort listeners left on the signal after the work resolved').toBe(0);

    const { tracked: rejected } = start(failing(100, new Error('nope')), controller.signal);
    await clock.advance(100);
    expect(rejected.state(), `the work rejected after 100 ms, but ${describeOutcome(rejected)}`).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on the signal after the work rejected').toBe(0);
  });

  test('aborting the signal after the work has settled changes nothing', points(1, SETTLES_ONCE), async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(100, 'kept'), controller.signal);
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expectOutcome(waiting, { resolved: 'kept', at: 100 }, 'the work resolved with "kept" at 100 ms, and the signal aborted only after that');
  });
});

describe('cancelling the wait', () => {
  test('aborting the signal rejects with signal.reason at that moment', points(3, ABORT_REJECTS), async () => {
    const controller = new AbortController();
    const reason = new Error('request closed');
    const line = timeline(clock);
    const { returned, tracked: waiting } = start(during(line, 'work', saving(1000, 'saved')), controller.signal);
    during(line, 'wait', returned);
    await clock.advance(200);
    expect(waiting.state(), `nothing has happened by 200 ms, but ${describeOutcome(waiting)}`).toBe('pending');
    controller.abort(reason);
    await clock.advance(800);
    line.expect({ work: [0, 1000], wait: [0, 200] }, 'the signal aborts at 200 ms: the wait should end then, while the work runs on until 1000 ms');
    expectOutcome(waiting, { rejected: reason, at: 200 }, 'the signal aborted at 200 ms, while the work runs until 1000 ms');
  });

  test('the default reason is a DOMException named AbortError', points(1, REASON), async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(1000, 'saved'), controller.signal);
    controller.abort();
    await clock.settle();
    expect(waiting.value(), `abort() with no reason: ${describeOutcome(waiting)}`).toBeInstanceOf(DOMException);
    expect((waiting.value() as DOMException).name, 'abort() with no reason: the name of what the wait rejected with').toBe('AbortError');
    expect(waiting.value(), 'the rejection should be signal.reason itself').toBe(controller.signal.reason);
  });

  test('a reason that is not an Error is used as it is, before and during the wait: a string, null, 0', points(1, AS_IT_IS), async () => {
    for (const reason of ['client went away', null, 0]) {
      const t0 = clock.now();
      const { tracked: before } = start(saving(1000, 'saved'), AbortSignal.abort(reason));
      const controller = new AbortController();
      const { tracked: during } = start(saving(1000, 'saved'), controller.signal);
      await clock.advance(100);
      controller.abort(reason);
      await clock.settle();
      expectOutcome(before, { rejected: reason, at: t0 }, `an already-aborted signal with reason ${show(reason)}`);
      expectOutcome(during, { rejected: reason, at: t0 + 100 }, `a signal aborted with reason ${show(reason)}`);
    }
  });

  test('the work runs on after the wait is cancelled, and whoever holds it gets its value', points(2, LEAVES_WORK), async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const line = timeline(clock);
    const work = during(line, 'work', saving(1000, 'saved', log));
    const { returned, tracked: waiting } = start(work, controller.signal);
    during(line, 'wait', returned);
    const held = track(work);
    await clock.advance(200);
    controller.abort();
    await clock.advance(800);
    line.expect({ work: [0, 1000], wait: [0, 200] }, 'the signal aborts at 200 ms: only the wait should end then; the work runs on until 1000 ms');
    expectList(log, ['saved@1000'], 'the work should run to its end, so the events it logged (saved@virtual ms)');
    expectOutcome(held, { resolved: 'saved', at: 1000 }, 'whoever holds the work should still get its value', 'the work');
    expect(waiting.state(), 'the cancelled wait should stay rejected').toBe('rejected');
  });

  test('an already-aborted signal rejects with its reason at once, without waiting for the work', points(2, ALREADY_ABORTED), async () => {
    const reason = new Error('cancelled before the start');
    const log: string[] = [];
    const line = timeline(clock);
    const { returned, tracked: waiting } = start(during(line, 'work', saving(1000, 'saved', log)), AbortSignal.abort(reason));
    during(line, 'wait', returned);
    await clock.advance(1000);
    line.expect({ work: [0, 1000], wait: [0, 0] }, 'the signal was already aborted: the wait should end at once, at 0 ms, without waiting for the work, which runs on until 1000 ms');
    expectOutcome(waiting, { rejected: reason, at: 0 }, 'the signal was already aborted');
    expectList(log, ['saved@1000'], 'the work should run to its end, so the events it logged (saved@virtual ms)');
  });

  test('leaves no abort listener on a signal that was already aborted, even if the work never settles', points(1, NO_LISTENER_WHEN_ABORTED), async () => {
    const signal = AbortSignal.abort();
    const { tracked: waiting } = start(new Promise<never>(() => {}), signal);
    await clock.settle();
    expect(waiting.state(), `the signal was already aborted, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on the already-aborted signal').toBe(0);
  });

  test('removes its abort listener when the signal aborts', points(1, REMOVES_ON_ABORT), async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(1000, 'saved'), controller.signal);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), `the signal aborted at 0 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on the signal after it aborted').toBe(0);
  });

  test('a failure of the work after the wait was cancelled is not an unhandled rejection', points(2, LATE_FAILURE), async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(failing(1000, new Error('failed after the wait was cancelled')), controller.signal);
    await clock.advance(200);
    controller.abort();
    await clock.advance(800);
    await realTick();
    expect(waiting.state(), `the signal aborted at 200 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('a failure of the work is not an unhandled rejection when the signal was already aborted', points(2, LATE_FAILURE), async () => {
    const { tracked: waiting } = start(failing(500, new Error('failed later')), AbortSignal.abort());
    await clock.advance(500);
    await realTick();
    expect(waiting.state(), `the signal was already aborted, but ${describeOutcome(waiting)}`).toBe('rejected');
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('two waits on the same work are independent: cancelling one leaves the other waiting', points(2, INDEPENDENT), async () => {
    const first = new AbortController();
    const second = new AbortController();
    const line = timeline(clock);
    const work = during(line, 'work', saving(1000, 'shared'));
    const { returned: waitingA, tracked: a } = start(work, first.signal);
    const { returned: waitingB, tracked: b } = start(work, second.signal);
    during(line, 'first wait', waitingA);
    during(line, 'second wait', waitingB);
    await clock.advance(100);
    first.abort();
    await clock.advance(900);
    line.expect(
      { work: [0, 1000], 'first wait': [0, 100], 'second wait': [0, 1000] },
      "the first wait's signal aborts at 100 ms, the second's never: the first wait should end at 100 ms, the second when the work ends, at 1000 ms",
    );
    expect(a.state(), `the first wait's signal aborted at 100 ms, but ${describeOutcome(a)}`).toBe('rejected');
    expectOutcome(b, { resolved: 'shared', at: 1000 }, "the second wait's signal never aborted, and the work resolved at 1000 ms", 'the other wait');
  });
});
