// Hidden spec of 11-events-and-queues/event: an Event with set, clear, isSet, nWaiting and wait({ signal }).
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
// The class
//  1. A new event is clear, with no waiter; creating it starts nothing.
//       - a new event is clear, with nobody waiting, and starts no timer
//  2. No timers: every promise settles in the same turn as the call or abort that settled it, at its
//     virtual time (microtasks or process.nextTick: the spec never depends on their order).
//       - set() releases every waiter at the virtual time of the set(), without a timer
//       - wait() on a set event resolves in the same turn, without a timer
//       - an aborted wait() leaves the waiters at that moment, and the others go on waiting
// isSet()
//  3. true while set, false while clear.
//       - isSet() follows set() and clear()
// nWaiting
//  4. How many wait() calls are pending, not released by a set() nor given up.
//       - nWaiting counts the wait() calls that wait, and only those
//       - an aborted wait() leaves the waiters at that moment, and the others go on waiting
// set()
//  5. Releases every waiter in the call: nWaiting 0 when set() returns; each resolves in this turn,
//     in the order of the wait() calls (among those still waiting); resolving in the call or queued
//     is up to the learner, as long as nothing after the call changes the outcome.
//       - set() releases every waiter at the virtual time of the set(), without a timer
//       - set() releases the waiters in the call itself: nWaiting is 0 as soon as it returns
//       - the waiters resolve in the order they called wait()
//       - the waiters still there after some gave up resolve in the order they called wait()
//  6. Nothing takes it back: a clear() right after still leaves every released wait() to resolve.
//       - the waiters released by set() resolve even if clear() is called right after
//       - set() then clear() releases exactly the waiters there at that moment
//  7. From then on, until clear(): isSet() true, every wait() resolves at once.
//       - a set event resolves every wait() at once, until clear()
//       - wait() on a set event resolves in the same turn, without a timer
//  8. On a set event, it does nothing.
//       - set() on a set event does nothing more
// clear()
//  9. From then on, until the next set(): isSet() false, wait() waits. Settles no promise: released
//     waits still resolve, waiters go on waiting, set or clear (not a reset). On a clear event, it
//     does nothing.
//       - after clear(), wait() waits again until the next set()
//       - clear() settles nothing: the waiters go on waiting until the next set()
//       - the waiters released by set() resolve even if clear() is called right after
// wait()
// 10. Resolves with undefined; never throws.
//       - wait() resolves with undefined, whether it waited or not
//       - wait() never throws: an already-aborted signal gives a rejected promise
// 11. Signal already aborted: rejects with signal.reason at once, as it is, even when set; not a
//     waiter. This check comes first, on every call.
//       - an already-aborted signal rejects at once with its reason, even on a set event
//       - an already-aborted signal rejects with its reason as it is: a string, undefined, an object
//       - wait() never throws: an already-aborted signal gives a rejected promise
// 12. Set: resolves at once, in a microtask.
//       - wait() on a set event resolves in the same turn, without a timer
// 13. Clear: becomes a waiter (nWaiting + 1), resolves when a set() releases it, however long.
//       - a wait() on a clear event stays pending until a set(), however long that takes
//       - nWaiting counts the wait() calls that wait, and only those
// 14. Aborts while waiting: stops being a waiter then (nWaiting − 1 before the aborting code goes
//     on), rejects with the reason as it is; the next set() does not concern it; the others go on
//     waiting, in their order.
//       - an aborted wait() leaves the waiters at that moment, and the others go on waiting
//       - waits that give up one after the other take out exactly themselves
//       - one signal aborting several waits takes them all out
// 15. Once released by set() (in the call, even before its promise settled), the signal no
//     longer matters: resolves even if it aborts right after, and that abort changes nothing else
//     (nWaiting, the later waiters).
//       - a wait() released by set() resolves even if its signal aborts right after
//       - an abort after set() released the wait() does not touch the waiters that came after
// 16. Once settled, either way, its abort listener is gone; a wait() settled in its own call has
//     none from the moment it returns.
//       - wait() leaves no abort listener behind once it has waited, whichever way it settles
//       - a wait() settled in its own call leaves no abort listener on the signal
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { describeOutcome, expectList, expectPending, loadExercise, points, realTick, show, thrownBy, track, type Tracked, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/11-events-and-queues/event.ts');
type EventInstance = import('@target/11-events-and-queues/event.ts').Event;

const ex = loadExercise<Module>('11-events-and-queues/event', ['Event']);
const clock = useVirtualTime();

const newEvent = (): EventInstance => new ex.Event();

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/**
 * Lets everything queued so far for "right after the current code" run: microtasks (and the ones
 * they queue) and process.nextTick callbacks, whose order the spec never depends on. Timers are
 * fake and time does not move, so no timer runs, not even one of 0 ms.
 */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await null;
  await realTick();
}

function expectResolved(outcome: Tracked<unknown>, at: number, what: string): void {
  const expected = describeOutcome({ resolved: undefined, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `${what} should have ${expected}, but it ${actual}`).toBe(expected);
}

function expectRejectedWith(outcome: Tracked<unknown>, reason: unknown, at: number, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && Object.is(o.rejected, reason) && o.at === at;
  expect(ok, `${what} should have rejected with ${show(reason)} itself at ${at} ms, but it ${describeOutcome(o)}`).toBe(true);
}

function expectWaiting(event: EventInstance, n: number, when: string): void {
  expect(event.nWaiting, `nWaiting ${when}`).toBe(n);
}

describe('the event', () => {
  test('a new event is clear, with nobody waiting, and starts no timer', async () => {
    const event = newEvent();
    expect(event.isSet(), 'isSet() of a new event').toBe(false);
    expectWaiting(event, 0, 'of a new event');
    const waiting = track(event.wait());
    await clock.advance(1000);
    expectPending(waiting, 'a wait() on a new event, 1000 ms later');
    expect(clock.timersStarted(), 'timers started by new Event() and a wait()').toBe(0);
  });

  test('isSet() follows set() and clear()', () => {
    const event = newEvent();
    event.set();
    expect(event.isSet(), 'isSet() after set()').toBe(true);
    event.clear();
    expect(event.isSet(), 'isSet() after set() then clear()').toBe(false);
    event.clear();
    expect(event.isSet(), 'isSet() after clear() twice').toBe(false);
    void event.wait();
    event.set();
    expect(event.isSet(), 'isSet() after a set() that released a waiter').toBe(true);
  });

  test('nWaiting counts the wait() calls that wait, and only those', points(2), async () => {
    const event = newEvent();
    void event.wait();
    void event.wait({ signal: new AbortController().signal });
    expectWaiting(event, 2, 'with two wait() calls pending');
    const aborted = event.wait({ signal: AbortSignal.abort('no') });
    aborted.catch(() => {});
    expectWaiting(event, 2, 'after a wait() with an already-aborted signal');
    event.set();
    expectWaiting(event, 0, 'after set()');
    void event.wait();
    expectWaiting(event, 0, 'after a wait() on a set event');
    event.clear();
    void event.wait();
    expectWaiting(event, 1, 'after clear() and one more wait()');
    await clock.settle();
    expectWaiting(event, 1, 'a moment later, with that wait() still pending');
  });
});

describe('set', () => {
  test('set() releases every waiter at the virtual time of the set(), without a timer', points(3, { section: 'an-event-in-typescript' }), async () => {
    const event = newEvent();
    const waits = [track(event.wait()), track(event.wait({ signal: new AbortController().signal })), track(event.wait())];
    setTimeout(() => event.set(), 250);
    await clock.advance(249);
    waits.forEach((w, i) => expectPending(w, `wait() number ${i + 1}, at 249 ms, before the set() at 250 ms`));
    await clock.advance(1);
    waits.forEach((w, i) => expectResolved(w, 250, `wait() number ${i + 1}, released by a set() at 250 ms`));
    expect(clock.timersStarted(), 'timers started (one by the spec itself)').toBe(1);
  });

  test('set() releases the waiters in the call itself: nWaiting is 0 as soon as it returns', points(2), () => {
    const event = newEvent();
    for (let i = 0; i < 3; i++) void event.wait();
    event.set();
    expectWaiting(event, 0, 'right after set(), in the same synchronous code');
  });

  test('the waiters resolve in the order they called wait()', points(2), async () => {
    const event = newEvent();
    const order: string[] = [];
    const signal = new AbortController().signal;
    for (const name of ['first', 'second', 'third', 'fourth']) {
      void event.wait(name === 'second' ? { signal } : {}).then(() => order.push(name));
    }
    event.set();
    await clock.settle();
    expectList(order, ['first', 'second', 'third', 'fourth'], 'the order in which the waiters resolved');
  });

  test('the waiters still there after some gave up resolve in the order they called wait()', points(2), async () => {
    const event = newEvent();
    const order: string[] = [];
    const leaving = new AbortController();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      event.wait(name === 'b' ? { signal: leaving.signal } : {}).then(
        () => order.push(name),
        () => {},
      );
    }
    leaving.abort('b leaves');
    event.set();
    await clock.settle();
    expectList(order, ['a', 'c', 'd', 'e'], 'the order in which the waiters resolved, after b gave up');
  });

  test(
    'the waiters released by set() resolve even if clear() is called right after',
    points(3, { hint: 'Resolve each waiter’s promise inside set() itself; a waiter must not look at the flag again when it wakes.', section: 'set-wakes-every-waiter-even-if-clear-follows-at-once' }),
    async () => {
      const event = newEvent();
      const signal = new AbortController().signal;
      const waits = [track(event.wait()), track(event.wait({ signal }))];
      event.set();
      event.clear();
      await clock.advance(100);
      waits.forEach((w, i) => expectResolved(w, 0, `wait() number ${i + 1}, released by a set() followed at once by clear()`));
      expect(event.isSet(), 'isSet() after set() then clear()').toBe(false);
    },
  );

  test('set() then clear() releases exactly the waiters there at that moment', points(2, { section: 'set-wakes-every-waiter-even-if-clear-follows-at-once' }), async () => {
    const event = newEvent();
    const before = track(event.wait());
    event.set();
    event.clear();
    const after = track(event.wait());
    await clock.advance(100);
    expectResolved(before, 0, 'the wait() made before the set() and clear()');
    expectPending(after, 'a wait() made after the set() and clear()');
    expectWaiting(event, 1, 'with that later wait() pending');
  });

  test('a set event resolves every wait() at once, until clear()', points(2), async () => {
    const event = newEvent();
    void event.wait();
    event.set();
    await clock.advance(40);
    const late = [track(event.wait()), track(event.wait({ signal: new AbortController().signal }))];
    await clock.settle();
    late.forEach((w, i) => expectResolved(w, 40, `late wait() number ${i + 1}, on a set event at 40 ms`));
    event.clear();
    const afterClear = track(event.wait());
    await clock.advance(100);
    expectPending(afterClear, 'a wait() after clear()');
  });

  test('wait() on a set event resolves in the same turn, without a timer', async () => {
    const event = newEvent();
    event.set();
    const w = track(event.wait());
    await microtasks();
    expect(w.state(), 'a wait() on a set event, after a few microtasks and no timer').toBe('resolved');
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });

  test('set() on a set event does nothing more', async () => {
    const event = newEvent();
    event.set();
    event.set();
    expect(event.isSet(), 'isSet() after set() twice').toBe(true);
    const w = track(event.wait());
    event.set();
    await clock.settle();
    expectResolved(w, 0, 'a wait() on an event set twice');
    expectWaiting(event, 0, 'after that');
    event.clear();
    expect(event.isSet(), 'isSet() after set() three times and clear() once').toBe(false);
  });
});

describe('clear', () => {
  test('after clear(), wait() waits again until the next set()', points(2), async () => {
    const event = newEvent();
    event.set();
    event.clear();
    const w = track(event.wait());
    await clock.advance(500);
    expectPending(w, 'a wait() after set() and clear(), 500 ms later');
    expectWaiting(event, 1, 'with it pending');
    event.set();
    await clock.settle();
    expectResolved(w, 500, 'that wait(), once set() is called again at 500 ms');
  });

  test('clear() settles nothing: the waiters go on waiting until the next set()', points(2), async () => {
    const event = newEvent();
    const waits = [track(event.wait()), track(event.wait({ signal: new AbortController().signal }))];
    event.clear();
    await clock.advance(60);
    waits.forEach((w, i) => expectPending(w, `wait() number ${i + 1}, after a clear() on a clear event`));
    expectWaiting(event, 2, 'after clear() on a clear event with two waiters');
    event.set();
    await clock.settle();
    waits.forEach((w, i) => expectResolved(w, 60, `wait() number ${i + 1}, once set() is called at 60 ms`));
  });
});

describe('wait', () => {
  test('wait() resolves with undefined, whether it waited or not', async () => {
    const event = newEvent();
    const waited = event.wait();
    event.set();
    expect(await waited, 'what a wait() released by set() resolved with').toBe(undefined);
    expect(await event.wait(), 'what a wait() on a set event resolved with').toBe(undefined);
  });

  test('a wait() on a clear event stays pending until a set(), however long that takes', async () => {
    const event = newEvent();
    const w = track(event.wait());
    await clock.advance(60_000);
    expectPending(w, 'a wait() on a clear event, a minute later');
    event.set();
    await clock.settle();
    expectResolved(w, 60_000, 'that wait(), once set() is called at 60000 ms');
  });

  test('wait() never throws: an already-aborted signal gives a rejected promise', points(2), async () => {
    const event = newEvent();
    let result: Promise<void> | undefined;
    const thrown = thrownBy(() => (result = event.wait({ signal: AbortSignal.abort(new Error('gone')) })));
    expect(thrown, 'wait() with an already-aborted signal should return a rejected promise, not throw').toBe('nothing');
    const outcome = track(result!);
    await clock.settle();
    expect(outcome.state(), 'wait() with an already-aborted signal').toBe('rejected');
  });

  test('an already-aborted signal rejects at once with its reason, even on a set event', points(2, { section: 'giving-up-the-wait-on-an-event' }), async () => {
    const event = newEvent();
    const reason = new Error('not any more');
    const onClear = track(event.wait({ signal: AbortSignal.abort(reason) }));
    await clock.settle();
    expectRejectedWith(onClear, reason, 0, 'wait() with an already-aborted signal on a clear event');
    expectWaiting(event, 0, 'after it');
    event.set();
    const onSet = track(event.wait({ signal: AbortSignal.abort(reason) }));
    await clock.settle();
    expectRejectedWith(onSet, reason, 0, 'wait() with an already-aborted signal on a set event');
  });

  test('an already-aborted signal rejects with its reason as it is: a string, undefined, an object', async () => {
    const event = newEvent();
    const controller = new AbortController();
    controller.abort(undefined); // the reason becomes an AbortError DOMException
    for (const signal of [AbortSignal.abort('a string'), AbortSignal.abort({ code: 42 }), AbortSignal.abort(0), AbortSignal.abort(null), controller.signal]) {
      const w = track(event.wait({ signal }));
      await clock.settle();
      expectRejectedWith(w, signal.reason, 0, `wait() with a signal aborted with ${show(signal.reason)}`);
    }
  });

  test(
    'an aborted wait() leaves the waiters at that moment, and the others go on waiting',
    points(3, { hint: 'In the abort listener, take that waiter out of the list (find it by identity) before you reject.', section: 'giving-up-the-wait-on-an-event' }),
    async () => {
      const event = newEvent();
      const controller = new AbortController();
      const before = track(event.wait());
      const aborted = track(event.wait({ signal: controller.signal }));
      const after = track(event.wait());
      setTimeout(() => controller.abort('gave up'), 30);
      await clock.advance(30);
      expectRejectedWith(aborted, 'gave up', 30, 'the wait() whose signal aborted at 30 ms');
      expectWaiting(event, 2, 'after one of three waiters gave up');
      expectPending(before, 'the wait() before the aborted one');
      expectPending(after, 'the wait() after the aborted one');
      await clock.advance(20);
      event.set();
      await clock.settle();
      expectResolved(before, 50, 'the wait() before the aborted one, set at 50 ms');
      expectResolved(after, 50, 'the wait() after the aborted one, set at 50 ms');
      expectRejectedWith(aborted, 'gave up', 30, 'the aborted wait(), after the set()');
      expect(clock.timersStarted(), 'timers started (one by the spec itself)').toBe(1);
    },
  );

  test('waits that give up one after the other take out exactly themselves', async () => {
    const event = newEvent();
    const [first, second] = [new AbortController(), new AbortController()];
    const a = track(event.wait({ signal: first.signal }));
    const b = track(event.wait({ signal: second.signal }));
    const c = track(event.wait());
    first.abort('a leaves');
    second.abort('b leaves');
    expectWaiting(event, 1, 'after a and then b gave up, with c waiting');
    event.set();
    await clock.settle();
    expectRejectedWith(a, 'a leaves', 0, 'a');
    expectRejectedWith(b, 'b leaves', 0, 'b');
    expectResolved(c, 0, 'c, released by set() after a and b gave up');
  });

  test('one signal aborting several waits takes them all out', async () => {
    const event = newEvent();
    const controller = new AbortController();
    const waits = [0, 1, 2].map(() => track(event.wait({ signal: controller.signal })));
    const other = track(event.wait());
    controller.abort('all of them');
    expectWaiting(event, 1, 'right after the abort, in the same synchronous code, with one of four waiters left');
    await clock.settle();
    waits.forEach((w, i) => expectRejectedWith(w, 'all of them', 0, `wait() number ${i + 1} on the aborted signal`));
    expectWaiting(event, 1, 'after three of four waiters gave up');
    event.set();
    await clock.settle();
    expectResolved(other, 0, 'the wait() without a signal');
    expectWaiting(event, 0, 'after set()');
  });

  test('a wait() released by set() resolves even if its signal aborts right after', points(2), async () => {
    const event = newEvent();
    const controller = new AbortController();
    const w = track(event.wait({ signal: controller.signal }));
    event.set();
    controller.abort('too late');
    await clock.settle();
    expectResolved(w, 0, 'a wait() released by set() whose signal aborted right after');
  });

  test(
    'an abort after set() released the wait() does not touch the waiters that came after',
    points(2, { hint: 'Once set() releases a waiter, its abort listener must have nothing left to do: remove it there, or make it check that the waiter is still in the list.' }),
    async () => {
      const event = newEvent();
      const controller = new AbortController();
      const released = track(event.wait({ signal: controller.signal }));
      event.set();
      event.clear();
      const next = [track(event.wait()), track(event.wait())];
      controller.abort('too late');
      expectWaiting(event, 2, 'after the released wait()’s signal aborted, with two new waiters');
      event.set();
      await clock.settle();
      expectResolved(released, 0, 'the wait() released by the first set()');
      next.forEach((w, i) => expectResolved(w, 0, `new waiter number ${i + 1}, released by the second set()`));
    },
  );

  test('wait() leaves no abort listener behind once it has waited, whichever way it settles', points(2), async () => {
    const event = newEvent();
    const signal = new AbortController().signal;
    const released = track(event.wait({ signal }));
    event.set();
    await clock.settle();
    expectResolved(released, 0, 'the wait() released by set()');
    expect(listeners(signal), 'abort listeners once a wait() released by set() has resolved').toBe(0);
    event.clear();
    const controller = new AbortController();
    const aborted = track(event.wait({ signal: controller.signal }));
    controller.abort('stop');
    await clock.settle();
    expectRejectedWith(aborted, 'stop', 0, 'the aborted wait()');
    expect(listeners(controller.signal), 'abort listeners once an aborted wait() has rejected').toBe(0);
    const shared = new AbortController().signal;
    for (let i = 0; i < 3; i++) void event.wait({ signal: shared });
    event.set();
    await clock.settle();
    expect(listeners(shared), 'abort listeners once three waits on one signal were released').toBe(0);
  });

  test('a wait() settled in its own call leaves no abort listener on the signal', async () => {
    const event = newEvent();
    const signal = new AbortController().signal;
    event.set();
    void event.wait({ signal });
    expect(listeners(signal), 'abort listeners right after a wait() on a set event').toBe(0);
    const aborted = new AbortController();
    aborted.abort('already');
    event.wait({ signal: aborted.signal }).catch(() => {});
    expect(listeners(aborted.signal), 'abort listeners right after a wait() with an already-aborted signal').toBe(0);
  });
});
