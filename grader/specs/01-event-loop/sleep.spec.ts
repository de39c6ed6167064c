// Hidden spec of sleep(ms, { signal }).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. Resolves with `undefined` after `ms` ms from the call, measured with the global setTimeout.
//       - resolves after exactly ms of virtual time, not a millisecond earlier
//       - resolves with undefined
//       - works without options, with {} and with { signal: undefined }
//       - aborting after the sleep has resolved changes nothing
//  2. It returns the promise at once; each call has a timer of its own: sleeps started together run
//     side by side, and aborting one signal cancels only the sleeps that were given it.
//       - returns a promise at once and does not block the caller
//       - sleeps started together run concurrently: 100, 300 and 200 ms take 300 ms in all
//       - aborting one signal cancels only the sleep that uses it
//       - one signal given to several sleeps cancels them all, leaving nothing behind
//  3. `ms` of 0 or less resolves on the next turn of the event loop, never synchronously nor in a
//     microtask of the current turn.
//       - a delay of 0 or less resolves on the next turn of the event loop, not in a microtask
//  4. An already-aborted signal: rejects with signal.reason at once (same turn), no timer started
//     (not even one cleared right away).
//       - an already-aborted signal rejects at once, in the same turn of the event loop
//       - an already-aborted signal starts no timer, not even one cleared at once
//  5. Abort while sleeping: rejects with signal.reason at that moment (same turn of the event loop
//     as abort(), without waiting for any timer), and the timer is cleared.
//       - rejects at the moment the signal aborts, in the same turn of the event loop
//       - rejects with the exact reason object given to abort()
//       - the default reason is the signal's own AbortError DOMException
//       - clears its timer when aborted, leaving no timer behind
//  6. The rejection is signal.reason itself, whatever it is (Error, DOMException, string, 0, null).
//       - rejects with a reason that is not an Error, as it is: a string, 0, null, a plain object
//       - an already-aborted signal with a falsy reason (0, empty string, null) still counts as aborted
//  7. Nothing is left behind: no timer after an abort (see 5), no abort listener after the sleep
//     resolves or rejects, on every path.
//       - leaves no timer behind once it has resolved
//       - removes its abort listener once it has resolved
//       - a signal reused for many sleeps does not pile up listeners
//       - removes its abort listener when the signal aborts
//       - leaves no abort listener on an already-aborted signal
//       - one signal given to several sleeps cancels them all, leaving nothing behind
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { expectList, loadExercise, points, realTick, show, timeline, track, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/01-event-loop/sleep.ts')>('01-event-loop/sleep', ['sleep']);
const clock = useVirtualTime();

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Says how a tracked sleep stands, in words, for failure messages. */
function describeOutcome(outcome: ReturnType<typeof track>): string {
  const state = outcome.outcome();
  if (state === 'pending') return 'still pending';
  if ('resolved' in state) return `resolved at ${state.at} ms`;
  return `rejected at ${state.at} ms with ${String(state.rejected)}`;
}

// What helps a learner who fails a test: a hint of its own and the lesson heading that teaches the
// point (the cancelling tests lean on "Cancelling a wait", the rest on the exercise and the loop).
const ONE_TIMER = {
  hint: 'Start one timer with the global `setTimeout`, with `ms` as its delay, when `sleep` is called, and resolve in its callback; the `setTimeout` of `node:timers/promises` runs outside the grader’s clock.',
  section: 'node-runs-the-loop-for-you',
} as const;
const RESOLVES_UNDEFINED = {
  hint: 'Call `resolve()` with no argument: a sleep is a `Promise<void>`, so it resolves with `undefined`, not with `ms` or the timer handle.',
  section: 'sleep-sleepms--signal-',
} as const;
const NO_OPTIONS = {
  hint: 'Treat a missing `options`, `{}` and `{ signal: undefined }` alike: test the signal itself (`signal?.aborted`, `if (signal)`), not whether the `signal` key is present.',
  section: 'sleep-sleepms--signal-',
} as const;
const RETURNS_AT_ONCE = {
  hint: 'Return the `new Promise(…)` straight away and let the timer do the waiting: a loop that waits for the time to pass blocks the caller and everything else.',
  section: 'blocking-the-loop',
} as const;
const OWN_TIMER = {
  hint: 'Create each sleep’s timer and abort listener inside its own `new Promise`: a timer or a promise kept in a variable outside `sleep` makes sleeps wait for one another, or cancels a sleep that was given another signal.',
  section: 'sleep-sleepms--signal-',
} as const;
const ZERO_IS_A_TURN = {
  hint: 'Do not answer `ms <= 0` with an already-resolved promise: it settles in a microtask of the current turn. `setTimeout` with a delay of 0 or less already waits for the next turn of the loop.',
  section: 'macrotasks-and-microtasks',
} as const;
const NO_TIMER_AFTER_RESOLVE = {
  hint: 'One sleep needs one `setTimeout` and nothing else: a `setInterval` or a second timer stays scheduled after the sleep has resolved.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const REJECTS_IN_LISTENER = {
  hint: 'Reject inside an `\'abort\'` listener on the signal: `abort()` runs its listeners synchronously, so the sleep can reject right then, with no timer and no polling of `signal.aborted`.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const REASON_ITSELF = {
  hint: 'Reject with `signal.reason` exactly as it is: do not wrap it in an `Error`, build an `AbortError` of your own, or replace a falsy reason with a default.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const CLEARS_TIMER = {
  hint: 'An aborted sleep must cancel its timer: keep the handle `setTimeout` returns and pass it to `clearTimeout` in the abort listener.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const ALREADY_ABORTED = {
  hint: 'A listener added to a signal that has already aborted never runs: look at `signal.aborted` before anything else, and reject with `signal.reason` there and then.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const NO_TIMER_IF_ABORTED = {
  hint: 'Check `signal.aborted` before you call `setTimeout`, and return once you have rejected: a timer that is started and cleared at once still counts as started.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const FALSY_REASON = {
  hint: 'Whether a signal has aborted is `signal.aborted`, not `signal.reason`: `abort(0)`, `abort(\'\')` and `abort(null)` abort it with a falsy reason.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const NO_LISTENER_IF_ABORTED = {
  hint: 'On an already-aborted signal, reject and return before you add the abort listener: it would never run, and nothing would take it off.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const REMOVES_LISTENER_ON_RESOLVE = {
  hint: 'Keep the abort listener in a variable and take it off the signal with `removeEventListener` in the timer’s callback: a listener added with `{ once: true }` goes away only after it has run.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const REMOVES_LISTENER_ON_ABORT = {
  hint: 'The abort listener must not stay on the signal after it has run: add it with `{ once: true }`, or remove it in the listener itself.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;
const ABORT_AFTER_RESOLVE = {
  hint: 'Once the timer has resolved the sleep with `undefined`, a later abort changes nothing: the promise keeps that value.',
  section: 'sleep-sleepms--signal-',
} as const;
const SHARED_SIGNAL = {
  hint: 'Each sleep adds its own listener to the signal and keeps its own timer, so one `abort()` rejects them all, and each one clears its own timer and takes its own listener off.',
  section: 'cancelling-a-wait-cleartimeout-and-abortsignal',
} as const;

/** How a promise settled, with what, and the same in words for a failure message (`.resolves` would drop the description when it rejects). */
async function settle(promise: PromiseLike<unknown>): Promise<{ state: 'resolved' | 'rejected'; value: unknown; text: string }> {
  return Promise.resolve(promise).then(
    (value) => ({ state: 'resolved' as const, value, text: `resolved with ${show(value)}` }),
    (value: unknown) => ({ state: 'rejected' as const, value, text: `rejected with ${show(value)}` }),
  );
}

describe('waiting', () => {
  test('resolves after exactly ms of virtual time, not a millisecond earlier', points(2, ONE_TIMER), async () => {
    const sleeping = track(ex.sleep(1500));
    await clock.advance(1499);
    expect(sleeping.state(), 'sleep(1500) after 1499 ms').toBe('pending');
    await clock.advance(1);
    expect(sleeping.state(), 'sleep(1500) after 1500 ms').toBe('resolved');
    expect(sleeping.settledAt(), 'the virtual time at which sleep(1500) resolved').toBe(1500);
  });

  test('resolves with undefined', points(1, RESOLVES_UNDEFINED), async () => {
    const sleeping = ex.sleep(10);
    await clock.advance(10);
    const outcome = await settle(sleeping);
    expect(outcome.state, `sleep(10) should resolve, but it ${outcome.text}`).toBe('resolved');
    expect(outcome.value, 'the value sleep(10) resolved with').toBeUndefined();
  });

  test('works without options, with {} and with { signal: undefined }', points(1, NO_OPTIONS), async () => {
    const sleeps = [ex.sleep(20), ex.sleep(20, {}), ex.sleep(20, { signal: undefined })].map((p) => track(p));
    await clock.advance(20);
    expectList(
      sleeps.map((s) => describeOutcome(s)),
      ['resolved at 20 ms', 'resolved at 20 ms', 'resolved at 20 ms'],
      'sleep(20), sleep(20, {}) and sleep(20, { signal: undefined }) after 20 ms',
    );
  });

  test('returns a promise at once and does not block the caller', points(1, RETURNS_AT_ONCE), async () => {
    const sleeping = ex.sleep(100);
    expect(sleeping, 'sleep(100) should return a Promise').toBeInstanceOf(Promise);
    expect(clock.now(), 'virtual time that passed during the call').toBe(0);
    await clock.advance(100);
    await sleeping;
  });

  test('sleeps started together run concurrently: 100, 300 and 200 ms take 300 ms in all', points(2, OWN_TIMER), async () => {
    const work = timeline(clock);
    for (const ms of [100, 300, 200]) void work.run(`sleep(${ms})`, () => ex.sleep(ms)).catch(() => undefined);
    await clock.advance(300);
    work.expect(
      { 'sleep(100)': [0, 100], 'sleep(300)': [0, 300], 'sleep(200)': [0, 200] },
      'three sleeps started together should run side by side, each ending after its own ms, all of them by 300 ms',
    );
  });

  test('a delay of 0 or less resolves on the next turn of the event loop, not in a microtask', points(1, ZERO_IS_A_TURN), async () => {
    const zero = track(ex.sleep(0));
    const negative = track(ex.sleep(-50));
    // A real turn of the event loop runs every microtask queued so far, and no fake timer.
    await realTick();
    expectList([zero.state(), negative.state()], ['pending', 'pending'], 'sleep(0) and sleep(-50), once only the microtasks of the current turn have run,');
    await clock.advance(1);
    expectList([zero.state(), negative.state()], ['resolved', 'resolved'], 'sleep(0) and sleep(-50), after the next turn of the event loop,');
    expectList([zero.settledAt(), negative.settledAt()], [0, 0], 'the virtual times (in ms) at which sleep(0) and sleep(-50) resolved');
  });

  test('leaves no timer behind once it has resolved', points(1, NO_TIMER_AFTER_RESOLVE), async () => {
    const sleeping = ex.sleep(50);
    await clock.advance(50);
    await sleeping;
    expect(clock.pendingTimers(), 'timers still scheduled after the sleep resolved').toBe(0);
  });
});

describe('cancelling with a signal', () => {
  test('rejects at the moment the signal aborts, in the same turn of the event loop', points(2, REJECTS_IN_LISTENER), async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    await clock.advance(400);
    expect(sleeping.state(), 'the sleep before the abort').toBe('pending');
    controller.abort(reason);
    // Only microtasks run now: no fake timer fires, and virtual time stays at 400.
    await realTick();
    expect(describeOutcome(sleeping), 'the sleep just after abort() at 400 ms, before any timer could fire').toBe(
      'rejected at 400 ms with Error: stop',
    );
    expect(sleeping.value(), 'the rejection should be signal.reason itself').toBe(reason);
  });

  test('rejects with the exact reason object given to abort()', points(1, REASON_ITSELF), async () => {
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    await clock.advance(10);
    controller.abort(reason);
    await realTick();
    expect(sleeping.state(), 'the sleep after abort(reason)').toBe('rejected');
    expect(sleeping.value(), 'the rejection should be the very object passed to abort()').toBe(reason);
  });

  test("the default reason is the signal's own AbortError DOMException", points(1, REASON_ITSELF), async () => {
    const controller = new AbortController();
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    controller.abort();
    await realTick();
    expect(sleeping.state(), 'the sleep after abort()').toBe('rejected');
    expect(sleeping.value(), 'the rejection should be signal.reason itself (a DOMException named AbortError)').toBe(
      controller.signal.reason,
    );
    expect(sleeping.value(), 'the rejection after abort() without a reason should be a DOMException named AbortError').toMatchObject({ name: 'AbortError' });
  });

  test('rejects with a reason that is not an Error, as it is: a string, 0, null, a plain object', points(2, REASON_ITSELF), async () => {
    const reasons: unknown[] = ['stop', 0, null, { code: 'E_STOP' }];
    for (const reason of reasons) {
      const controller = new AbortController();
      const during = track(ex.sleep(100, { signal: controller.signal }));
      const before = track(ex.sleep(100, { signal: AbortSignal.abort(reason) }));
      await clock.advance(10);
      controller.abort(reason);
      await realTick();
      expect(during.state(), `the sleep after abort(${JSON.stringify(reason)}) during the sleep`).toBe('rejected');
      expect(during.settledAt(), `the virtual time (in ms) at which the sleep rejected after abort(${JSON.stringify(reason)}) at ${clock.now()} ms`).toBe(clock.now());
      expect(during.value(), `abort(${JSON.stringify(reason)}) during the sleep: the rejection should be that very value`).toBe(reason);
      expect(before.state(), `a sleep whose signal was already aborted with ${JSON.stringify(reason)}`).toBe('rejected');
      expect(before.value(), `a signal already aborted with ${JSON.stringify(reason)}: the rejection should be that very value`).toBe(reason);
    }
  });

  test('clears its timer when aborted, leaving no timer behind', points(2, CLEARS_TIMER), async () => {
    const controller = new AbortController();
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort();
    await realTick();
    expect(sleeping.state(), 'the sleep after abort()').toBe('rejected');
    expect(clock.pendingTimers(), 'timers still scheduled after the sleep was aborted').toBe(0);
  });

  test('an already-aborted signal rejects at once, in the same turn of the event loop', points(2, ALREADY_ABORTED), async () => {
    const reason = new Error('too late');
    const sleeping = track(ex.sleep(1000, { signal: AbortSignal.abort(reason) }));
    await realTick();
    expect(describeOutcome(sleeping), 'sleep(1000) with an already-aborted signal, before any timer could fire').toBe(
      'rejected at 0 ms with Error: too late',
    );
    expect(sleeping.value(), 'the rejection should be signal.reason itself').toBe(reason);
  });

  test('an already-aborted signal starts no timer, not even one cleared at once', points(2, NO_TIMER_IF_ABORTED), async () => {
    const sleeping = track(ex.sleep(1000, { signal: AbortSignal.abort(new Error('too late')) }));
    expect(clock.timersStarted(), 'timers created (setTimeout, setInterval, setImmediate), cleared or not').toBe(0);
    await realTick();
    expect(sleeping.state(), 'sleep(1000) with an already-aborted signal').toBe('rejected');
    expect(clock.timersStarted(), 'timers created (setTimeout, setInterval, setImmediate), cleared or not').toBe(0);
  });

  test('an already-aborted signal with a falsy reason (0, empty string, null) still counts as aborted', points(1, FALSY_REASON), async () => {
    for (const reason of [0, '', null]) {
      const sleeping = track(ex.sleep(1000, { signal: AbortSignal.abort(reason) }));
      await realTick();
      expect(describeOutcome(sleeping), `sleep(1000) with a signal already aborted with ${JSON.stringify(reason)}`).toBe(
        `rejected at 0 ms with ${String(reason)}`,
      );
    }
    expect(clock.timersStarted(), 'timers created for sleeps whose signal was already aborted').toBe(0);
  });

  test('leaves no abort listener on an already-aborted signal', points(1, NO_LISTENER_IF_ABORTED), async () => {
    const signal = AbortSignal.abort(new Error('too late'));
    const sleeping = track(ex.sleep(1000, { signal }));
    await realTick();
    expect(sleeping.state(), 'sleep(1000) with an already-aborted signal').toBe('rejected');
    expect(listeners(signal), 'abort listeners left on the already-aborted signal').toBe(0);
  });

  test('removes its abort listener once it has resolved', points(2, REMOVES_LISTENER_ON_RESOLVE), async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(100, { signal: controller.signal });
    await clock.advance(100);
    await sleeping;
    expect(listeners(controller.signal), 'abort listeners left on the signal after the sleep resolved').toBe(0);
  });

  test('removes its abort listener when the signal aborts', points(2, REMOVES_LISTENER_ON_ABORT), async () => {
    const controller = new AbortController();
    const sleeping = track(ex.sleep(100, { signal: controller.signal }));
    await clock.advance(10);
    controller.abort();
    await realTick();
    expect(sleeping.state(), 'the sleep after abort()').toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on the signal after the sleep was aborted').toBe(0);
  });

  test('a signal reused for many sleeps does not pile up listeners', points(1, REMOVES_LISTENER_ON_RESOLVE), async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) {
      const sleeping = ex.sleep(10, { signal: controller.signal });
      await clock.advance(10);
      await sleeping;
    }
    expect(listeners(controller.signal), 'abort listeners left after 20 sleeps with the same signal').toBe(0);
  });

  test('aborting after the sleep has resolved changes nothing', points(1, ABORT_AFTER_RESOLVE), async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(100, { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    const outcome = await settle(sleeping);
    expect(outcome.state, `a sleep(100) whose signal aborted once it had resolved should stay resolved, but it ${outcome.text}`).toBe('resolved');
    expect(outcome.value, 'the value of a sleep(100) that resolved before its signal aborted').toBeUndefined();
  });

  test('aborting one signal cancels only the sleep that uses it', points(1, OWN_TIMER), async () => {
    const controller = new AbortController();
    const cancelled = track(ex.sleep(100, { signal: controller.signal }));
    const other = track(ex.sleep(100));
    const otherSignal = new AbortController();
    const third = track(ex.sleep(100, { signal: otherSignal.signal }));
    controller.abort();
    await realTick();
    expect(cancelled.state(), 'the sleep whose signal aborted').toBe('rejected');
    await clock.advance(100);
    expectList(
      [describeOutcome(other), describeOutcome(third)],
      ['resolved at 100 ms', 'resolved at 100 ms'],
      'a sleep(100) without a signal and a sleep(100) with another signal, after 100 ms,',
    );
  });

  test('one signal given to several sleeps cancels them all, leaving nothing behind', points(1, SHARED_SIGNAL), async () => {
    const controller = new AbortController();
    const sleeps = [100, 200, 300].map((ms) => track(ex.sleep(ms, { signal: controller.signal })));
    await clock.advance(50);
    controller.abort();
    await realTick();
    expectList(
      sleeps.map((s) => describeOutcome(s)),
      sleeps.map(() => `rejected at 50 ms with ${String(controller.signal.reason)}`),
      'three sleeps (100, 200 and 300 ms) sharing one signal, just after it aborted at 50 ms,',
    );
    expect(clock.pendingTimers(), 'timers still scheduled after all three sleeps were aborted').toBe(0);
    expect(listeners(controller.signal), 'abort listeners left on the shared signal').toBe(0);
  });
});
