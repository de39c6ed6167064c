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
import { loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

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

describe('waiting', () => {
  test('resolves after exactly ms of virtual time, not a millisecond earlier', points(2), async () => {
    const sleeping = track(ex.sleep(1500));
    await clock.advance(1499);
    expect(sleeping.state(), 'sleep(1500) after 1499 ms').toBe('pending');
    await clock.advance(1);
    expect(sleeping.state(), 'sleep(1500) after 1500 ms').toBe('resolved');
    expect(sleeping.settledAt(), 'the virtual time at which sleep(1500) resolved').toBe(1500);
  });

  test('resolves with undefined', async () => {
    const sleeping = ex.sleep(10);
    await clock.advance(10);
    await expect(sleeping, 'the value sleep(10) resolved with').resolves.toBeUndefined();
  });

  test('works without options, with {} and with { signal: undefined }', async () => {
    const sleeps = [ex.sleep(20), ex.sleep(20, {}), ex.sleep(20, { signal: undefined })].map((p) => track(p));
    await clock.advance(20);
    expect(
      sleeps.map((s) => describeOutcome(s)),
      'sleep(20), sleep(20, {}) and sleep(20, { signal: undefined }) after 20 ms',
    ).toEqual(['resolved at 20 ms', 'resolved at 20 ms', 'resolved at 20 ms']);
  });

  test('returns a promise at once and does not block the caller', async () => {
    const sleeping = ex.sleep(100);
    expect(sleeping, 'sleep(100) should return a Promise').toBeInstanceOf(Promise);
    expect(clock.now(), 'virtual time that passed during the call').toBe(0);
    await clock.advance(100);
    await sleeping;
  });

  test('sleeps started together run concurrently: 100, 300 and 200 ms take 300 ms in all', points(2), async () => {
    const finished: string[] = [];
    const all = Promise.all(
      [
        ['a', 100],
        ['b', 300],
        ['c', 200],
      ].map(async ([name, ms]) => {
        await ex.sleep(ms as number);
        finished.push(`${name}@${clock.now()}`);
      }),
    );
    await clock.advance(300);
    await all;
    expect(finished, 'which sleep finished at which virtual time').toEqual(['a@100', 'c@200', 'b@300']);
  });

  test('a delay of 0 or less resolves on the next turn of the event loop, not in a microtask', async () => {
    const zero = track(ex.sleep(0));
    const negative = track(ex.sleep(-50));
    // A real turn of the event loop runs every microtask queued so far, and no fake timer.
    await realTick();
    expect([zero.state(), negative.state()], 'sleep(0) and sleep(-50) once only microtasks have run').toEqual(['pending', 'pending']);
    await clock.advance(1);
    expect([zero.state(), negative.state()], 'sleep(0) and sleep(-50) after the next turn of the event loop').toEqual([
      'resolved',
      'resolved',
    ]);
    expect([zero.settledAt(), negative.settledAt()], 'the virtual times at which they resolved').toEqual([0, 0]);
  });

  test('leaves no timer behind once it has resolved', async () => {
    const sleeping = ex.sleep(50);
    await clock.advance(50);
    await sleeping;
    expect(clock.pendingTimers(), 'timers still scheduled after the sleep resolved').toBe(0);
  });
});

describe('cancelling with a signal', () => {
  test('rejects at the moment the signal aborts, in the same turn of the event loop', points(2), async () => {
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

  test('rejects with the exact reason object given to abort()', async () => {
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    await clock.advance(10);
    controller.abort(reason);
    await realTick();
    expect(sleeping.state(), 'the sleep after abort(reason)').toBe('rejected');
    expect(sleeping.value(), 'the rejection should be the very object passed to abort()').toBe(reason);
  });

  test("the default reason is the signal's own AbortError DOMException", async () => {
    const controller = new AbortController();
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    controller.abort();
    await realTick();
    expect(sleeping.state(), 'the sleep after abort()').toBe('rejected');
    expect(sleeping.value(), 'the rejection should be signal.reason itself (a DOMException named AbortError)').toBe(
      controller.signal.reason,
    );
    expect(sleeping.value()).toMatchObject({ name: 'AbortError' });
  });

  test('rejects with a reason that is not an Error, as it is: a string, 0, null, a plain object', points(2), async () => {
    const reasons: unknown[] = ['stop', 0, null, { code: 'E_STOP' }];
    for (const reason of reasons) {
      const controller = new AbortController();
      const during = track(ex.sleep(100, { signal: controller.signal }));
      const before = track(ex.sleep(100, { signal: AbortSignal.abort(reason) }));
      await clock.advance(10);
      controller.abort(reason);
      await realTick();
      expect(during.outcome(), `abort(${JSON.stringify(reason)}) during the sleep`).toEqual({ rejected: reason, at: clock.now() });
      expect(during.value(), `abort(${JSON.stringify(reason)}) during the sleep: the rejection should be that very value`).toBe(reason);
      expect(before.value(), `a signal already aborted with ${JSON.stringify(reason)}: the rejection should be that very value`).toBe(reason);
      expect(before.state(), `a signal already aborted with ${JSON.stringify(reason)}`).toBe('rejected');
    }
  });

  test('clears its timer when aborted, leaving no timer behind', points(2), async () => {
    const controller = new AbortController();
    const sleeping = track(ex.sleep(1000, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort();
    await realTick();
    expect(sleeping.state(), 'the sleep after abort()').toBe('rejected');
    expect(clock.pendingTimers(), 'timers still scheduled after the sleep was aborted').toBe(0);
  });

  test('an already-aborted signal rejects at once, in the same turn of the event loop', points(2), async () => {
    const reason = new Error('too late');
    const sleeping = track(ex.sleep(1000, { signal: AbortSignal.abort(reason) }));
    await realTick();
    expect(describeOutcome(sleeping), 'sleep(1000) with an already-aborted signal, before any timer could fire').toBe(
      'rejected at 0 ms with Error: too late',
    );
    expect(sleeping.value(), 'the rejection should be signal.reason itself').toBe(reason);
  });

  test('an already-aborted signal starts no timer, not even one cleared at once', points(2), async () => {
    const sleeping = track(ex.sleep(1000, { signal: AbortSignal.abort(new Error('too late')) }));
    expect(clock.timersStarted(), 'timers created (setTimeout, setInterval, setImmediate), cleared or not').toBe(0);
    await realTick();
    expect(sleeping.state()).toBe('rejected');
    expect(clock.timersStarted(), 'timers created (setTimeout, setInterval, setImmediate), cleared or not').toBe(0);
  });

  test('an already-aborted signal with a falsy reason (0, empty string, null) still counts as aborted', async () => {
    for (const reason of [0, '', null]) {
      const sleeping = track(ex.sleep(1000, { signal: AbortSignal.abort(reason) }));
      await realTick();
      expect(describeOutcome(sleeping), `sleep(1000) with a signal already aborted with ${JSON.stringify(reason)}`).toBe(
        `rejected at 0 ms with ${String(reason)}`,
      );
    }
    expect(clock.timersStarted(), 'timers created for sleeps whose signal was already aborted').toBe(0);
  });

  test('leaves no abort listener on an already-aborted signal', async () => {
    const signal = AbortSignal.abort(new Error('too late'));
    const sleeping = track(ex.sleep(1000, { signal }));
    await realTick();
    expect(sleeping.state()).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on the already-aborted signal').toBe(0);
  });

  test('removes its abort listener once it has resolved', points(2), async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(100, { signal: controller.signal });
    await clock.advance(100);
    await sleeping;
    expect(listeners(controller.signal), 'abort listeners left on the signal after the sleep resolved').toBe(0);
  });

  test('removes its abort listener when the signal aborts', points(2), async () => {
    const controller = new AbortController();
    const sleeping = track(ex.sleep(100, { signal: controller.signal }));
    await clock.advance(10);
    controller.abort();
    await realTick();
    expect(sleeping.state(), 'the sleep after abort()').toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on the signal after the sleep was aborted').toBe(0);
  });

  test('a signal reused for many sleeps does not pile up listeners', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) {
      const sleeping = ex.sleep(10, { signal: controller.signal });
      await clock.advance(10);
      await sleeping;
    }
    expect(listeners(controller.signal), 'abort listeners left after 20 sleeps with the same signal').toBe(0);
  });

  test('aborting after the sleep has resolved changes nothing', async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(100, { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    await expect(sleeping, 'a sleep that resolved before its signal aborted').resolves.toBeUndefined();
  });

  test('aborting one signal cancels only the sleep that uses it', async () => {
    const controller = new AbortController();
    const cancelled = track(ex.sleep(100, { signal: controller.signal }));
    const other = track(ex.sleep(100));
    const otherSignal = new AbortController();
    const third = track(ex.sleep(100, { signal: otherSignal.signal }));
    controller.abort();
    await realTick();
    expect(cancelled.state(), 'the sleep whose signal aborted').toBe('rejected');
    await clock.advance(100);
    expect(
      [describeOutcome(other), describeOutcome(third)],
      'a sleep without a signal and one with another signal, after 100 ms',
    ).toEqual(['resolved at 100 ms', 'resolved at 100 ms']);
  });

  test('one signal given to several sleeps cancels them all, leaving nothing behind', async () => {
    const controller = new AbortController();
    const sleeps = [100, 200, 300].map((ms) => track(ex.sleep(ms, { signal: controller.signal })));
    await clock.advance(50);
    controller.abort();
    await realTick();
    expect(
      sleeps.map((s) => describeOutcome(s)),
      'three sleeps sharing one signal, just after it aborted at 50 ms',
    ).toEqual(sleeps.map(() => `rejected at 50 ms with ${String(controller.signal.reason)}`));
    expect(clock.pendingTimers(), 'timers still scheduled after all three sleeps were aborted').toBe(0);
    expect(listeners(controller.signal), 'abort listeners left on the shared signal').toBe(0);
  });
});
