// Hidden spec of 11-events-and-queues/barrier: a reusable Barrier(parties) with wait({ signal }),
// parties, nWaiting, broken, abort() and reset() (asyncio 3.11's Barrier).
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
// The class
//  1. A new barrier is not broken, its round is empty; creating it starts nothing.
//       - a new barrier is not broken, has nobody waiting, and starts no timer
//  2. No timers: every promise settles in the same turn as the call or abort that settled it, at its
//     virtual time (microtasks or process.nextTick: the spec never depends on their order).
//       - the last arrival releases everyone at its virtual time, each with its index in order of arrival
//       - every party of a round resolves in the same turn as the last arrival, without a timer
//       - abort() rejects every waiting party with a BrokenBarrierError at that moment
//       - an aborted wait() leaves the round at that moment: the barrier is not broken, and the round needs one more
// BrokenBarrierError
//  3. What wait() rejects with when broken, aborted or reset: an Error of that class.
//       - (every test that expects a BrokenBarrierError checks the class and that it is an Error)
// constructor, parties
//  4. parties: a whole number ≥ 1; anything else (0, negative, fractional, NaN, Infinity) throws a
//     RangeError. parties returns it.
//       - parties must be a whole number, 1 or more: anything else throws a RangeError
//       - a new barrier is not broken, has nobody waiting, and starts no timer
// nWaiting
//  5. How many wait in the current round: 0 again as soon as a round is released; 0 while broken.
//       - nWaiting follows the round: up with each arrival, down with each abort, 0 at release, reset and abort
//       - the round is released in the call of the last arrival: nWaiting is 0 as soon as it returns
// broken
//  6. true from abort() until reset().
//       - after abort(), every wait() rejects with a BrokenBarrierError until reset()
//       - reset() mends a broken barrier
// wait()
//  7. Resolves with the index in the round, 0 … parties − 1 in order of arrival; never throws.
//       - the last arrival releases everyone at its virtual time, each with its index in order of arrival
//       - wait() never throws: an already-aborted signal or a broken barrier give a rejected promise
//  8. Signal already aborted: rejects with signal.reason at once, as it is; does not arrive (nWaiting
//     unchanged, no round released); comes before the broken check.
//       - an already-aborted signal rejects with its reason and does not arrive
//       - an already-aborted signal rejects with its reason as it is: a string, undefined, an object
//       - an already-aborted signal rejects with its reason even on a broken barrier
//  9. Broken: rejects with a BrokenBarrierError at once; does not arrive.
//       - after abort(), every wait() rejects with a BrokenBarrierError until reset()
// 10. Fewer than parties − 1 waiting: joins the round at its end (nWaiting + 1), waits however long.
//       - a party waits however long the others take
//       - nWaiting follows the round: up with each arrival, down with each abort, 0 at release, reset and abort
// 11. The parties-th arrival releases the round in this call: all resolve with their indices in
//     microtasks of this turn; nWaiting 0 when it returns; the next wait() starts the next round at
//     index 0, even right after in the same synchronous code or from a released party's callback;
//     with parties 1 every call resolves with 0.
//       - the round is released in the call of the last arrival: nWaiting is 0 as soon as it returns
//       - every party of a round resolves in the same turn as the last arrival, without a timer
//       - a wait() right after the release, in the same synchronous code, starts the next round
//       - the barrier is reusable: workers that loop over it meet round after round, from index 0
//       - with parties 1, every wait() resolves at once with 0
// 12. Signal aborts while it waits: leaves the round then (nWaiting − 1), rejects with the reason;
//     not broken; the others wait, the round needs one more; indices count only the parties still
//     in the round (example: a and b arrive, a aborts, c and d arrive: b 0, c 1, d 2).
//       - an aborted wait() leaves the round at that moment: the barrier is not broken, and the round needs one more
//       - indices count only the parties still in the round: those after an aborted one move up
//       - parties that leave one after the other take out exactly themselves
//       - one signal aborting several parties takes them all out of the round
// 13. Once its round is released, the signal no longer matters: resolves with its index; that abort
//     changes nothing else (nWaiting, the next round).
//       - an abort after the round was released changes nothing: the wait() resolves with its index
//       - an abort after the round was released does not touch the next round
// 14. abort() or reset() while it waits: rejects with a BrokenBarrierError at that moment.
//       - abort() rejects every waiting party with a BrokenBarrierError at that moment
//       - reset() rejects the waiting parties with a BrokenBarrierError, and the next round starts at index 0
// 15. Once settled, either way, its abort listener is gone; a wait() settled in its own call
//     (already aborted, broken, last arrival) has none from the moment it returns.
//       - wait() leaves no abort listener behind once it has waited, whichever way it settles
//       - a wait() settled in its own call leaves no abort listener on the signal
// abort()
// 16. Every waiting party rejects with a BrokenBarrierError then; nWaiting 0; broken true; every
//     wait() from then on rejects until reset(); on a broken barrier, nothing more.
//       - abort() rejects every waiting party with a BrokenBarrierError at that moment
//       - after abort(), every wait() rejects with a BrokenBarrierError until reset()
// reset()
// 17. Every waiting party rejects with a BrokenBarrierError then; not broken any more (even after
//     abort()); nWaiting 0; the next wait() starts a new round at index 0; on an idle barrier that is
//     not broken, it changes nothing.
//       - reset() rejects the waiting parties with a BrokenBarrierError, and the next round starts at index 0
//       - reset() mends a broken barrier
//       - reset() on an idle barrier changes nothing
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { describeOutcome, expectList, expectPending, loadExercise, points, realTick, show, thrownBy, track, type Tracked, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/11-events-and-queues/barrier.ts');
type BarrierInstance = import('@target/11-events-and-queues/barrier.ts').Barrier;

const ex = loadExercise<Module>('11-events-and-queues/barrier', ['Barrier', 'BrokenBarrierError']);
const clock = useVirtualTime();

const newBarrier = (parties: number): BarrierInstance => new ex.Barrier(parties);

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

function expectResolved(outcome: Tracked<unknown>, at: number, what: string, index: number): void {
  const expected = describeOutcome({ resolved: index, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `${what} should have ${expected}, but it ${actual}`).toBe(expected);
}

function expectRejectedWith(outcome: Tracked<unknown>, reason: unknown, at: number, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && Object.is(o.rejected, reason) && o.at === at;
  expect(ok, `${what} should have rejected with ${show(reason)} itself at ${at} ms, but it ${describeOutcome(o)}`).toBe(true);
}

function expectBroken(outcome: Tracked<unknown>, at: number, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && o.rejected instanceof ex.BrokenBarrierError && o.rejected instanceof Error && o.at === at;
  expect(ok, `${what} should have rejected with a BrokenBarrierError at ${at} ms, but it ${describeOutcome(o)}`).toBe(true);
}

function expectWaiting(barrier: BarrierInstance, n: number, when: string): void {
  expect(barrier.nWaiting, `nWaiting ${when}`).toBe(n);
}

/** The tracked wait() calls of a whole round, made together. */
function round(barrier: BarrierInstance, n: number): Tracked<number>[] {
  return Array.from({ length: n }, () => track(barrier.wait()));
}

describe('constructor, parties, nWaiting, broken', () => {
  test('a new barrier is not broken, has nobody waiting, and starts no timer', async () => {
    const barrier = newBarrier(3);
    expect(barrier.parties, 'parties of new Barrier(3)').toBe(3);
    expect(barrier.broken, 'broken of a new barrier').toBe(false);
    expectWaiting(barrier, 0, 'of a new barrier');
    const waiting = track(barrier.wait());
    await clock.advance(1000);
    expectPending(waiting, 'the only wait() on a Barrier(3), 1000 ms later');
    expect(clock.timersStarted(), 'timers started by new Barrier(3) and a wait()').toBe(0);
  });

  test('parties must be a whole number, 1 or more: anything else throws a RangeError', points(2), () => {
    for (const bad of [0, -1, -3, 1.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const thrown = thrownBy(() => new ex.Barrier(bad));
      expect(thrown instanceof RangeError, `new Barrier(${String(bad)}) should throw a RangeError, but it ${thrown === 'nothing' ? 'threw nothing' : `threw ${show(thrown)}`}`).toBe(true);
    }
    for (const good of [1, 2, 7, 1000]) expect(newBarrier(good).parties, `parties of new Barrier(${good})`).toBe(good);
  });

  test('nWaiting follows the round: up with each arrival, down with each abort, 0 at release, reset and abort', points(2), async () => {
    const barrier = newBarrier(4);
    const controller = new AbortController();
    void barrier.wait();
    expectWaiting(barrier, 1, 'after one arrival at a Barrier(4)');
    barrier.wait({ signal: controller.signal }).catch(() => {});
    void barrier.wait();
    expectWaiting(barrier, 3, 'after three arrivals');
    controller.abort('leave');
    expectWaiting(barrier, 2, 'after one of the three left with its signal');
    void barrier.wait();
    expectWaiting(barrier, 3, 'after a fourth arrival replaced it');
    void barrier.wait();
    expectWaiting(barrier, 0, 'once the fourth party of the round arrived');
    for (let i = 0; i < 2; i++) barrier.wait().catch(() => {});
    expectWaiting(barrier, 2, 'after two arrivals in the next round');
    barrier.reset();
    expectWaiting(barrier, 0, 'after reset()');
    barrier.wait().catch(() => {});
    barrier.abort();
    expectWaiting(barrier, 0, 'after abort()');
    barrier.wait().catch(() => {});
    expectWaiting(barrier, 0, 'after a wait() on the broken barrier');
    await clock.settle();
  });
});

describe('releasing a round', () => {
  test(
    'the last arrival releases everyone at its virtual time, each with its index in order of arrival',
    points(3, { section: 'barrier-wait-until-everyone-has-arrived' }),
    async () => {
      const barrier = newBarrier(3);
      const arrivals: Record<string, Tracked<number>> = {};
      for (const [name, at] of [['a', 100], ['b', 300], ['c', 200]] as const) setTimeout(() => (arrivals[name] = track(barrier.wait())), at);
      await clock.advance(299);
      expectPending(arrivals.a!, 'a, who arrived at 100 ms, at 299 ms');
      expectPending(arrivals.c!, 'c, who arrived at 200 ms, at 299 ms');
      expectWaiting(barrier, 2, 'at 299 ms, with a and c waiting');
      await clock.advance(1);
      expectResolved(arrivals.a!, 300, 'a (first to arrive)', 0);
      expectResolved(arrivals.c!, 300, 'c (second to arrive)', 1);
      expectResolved(arrivals.b!, 300, 'b (last to arrive, at 300 ms)', 2);
      expect(clock.timersStarted(), 'timers started (three by the spec itself)').toBe(3);
    },
  );

  test('a party waits however long the others take', async () => {
    const barrier = newBarrier(2);
    const first = track(barrier.wait());
    await clock.advance(60_000);
    expectPending(first, 'the first of two parties, a minute later');
    const second = track(barrier.wait());
    await clock.settle();
    expectResolved(first, 60_000, 'the first party, once the second arrived at 60000 ms', 0);
    expectResolved(second, 60_000, 'the second party', 1);
  });

  test('the round is released in the call of the last arrival: nWaiting is 0 as soon as it returns', points(2), () => {
    const barrier = newBarrier(3);
    void barrier.wait();
    void barrier.wait();
    void barrier.wait();
    expectWaiting(barrier, 0, 'right after the third wait() on a Barrier(3), in the same synchronous code');
  });

  test('every party of a round resolves in the same turn as the last arrival, without a timer', async () => {
    const barrier = newBarrier(4);
    const parties = round(barrier, 4);
    await microtasks();
    parties.forEach((p, i) => expect(p.state(), `party ${i} of the round, once the microtasks queued by the last arrival have run, with no timer run`).toBe('resolved'));
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });

  test(
    'a wait() right after the release, in the same synchronous code, starts the next round',
    points(3, { hint: 'Start the new, empty round in the very call that releases the old one, not when its parties wake up.', section: 'one-round-after-another' }),
    async () => {
      const barrier = newBarrier(2);
      const first = round(barrier, 2);
      const next = track(barrier.wait());
      expectWaiting(barrier, 1, 'right after a wait() made at once after the release of a round');
      await clock.settle();
      expectResolved(first[0]!, 0, 'the first party of round 1', 0);
      expectResolved(first[1]!, 0, 'the second party of round 1', 1);
      expectPending(next, 'the wait() right after the release, alone in round 2');
      const last = track(barrier.wait());
      await clock.settle();
      expectResolved(next, 0, 'the first party of round 2', 0);
      expectResolved(last, 0, 'the second party of round 2', 1);
    },
  );

  test('the barrier is reusable: workers that loop over it meet round after round, from index 0', points(3, { section: 'one-round-after-another' }), async () => {
    const barrier = newBarrier(3);
    const log: string[] = [];
    const worker = async (name: string, ms: number) => {
      for (let step = 1; step <= 3; step++) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        const index = await barrier.wait();
        log.push(`step ${step} at ${clock.now()}: ${name} ${index}`);
      }
    };
    const all = Promise.all([worker('a', 10), worker('b', 30), worker('c', 20)]);
    await clock.advance(200);
    await all;
    const sorted = [...log].sort();
    expectList(
      sorted,
      ['step 1 at 30: a 0', 'step 1 at 30: b 2', 'step 1 at 30: c 1', 'step 2 at 60: a 0', 'step 2 at 60: b 2', 'step 2 at 60: c 1', 'step 3 at 90: a 0', 'step 3 at 90: b 2', 'step 3 at 90: c 1'],
      'what the workers logged (sorted): each step ends when the slowest arrives, with the indices in order of arrival',
    );
  });

  test('with parties 1, every wait() resolves at once with 0', points(2), async () => {
    const barrier = newBarrier(1);
    const waits = round(barrier, 3);
    expectWaiting(barrier, 0, 'of a Barrier(1) after three wait() calls');
    await clock.settle();
    waits.forEach((w, i) => expectResolved(w, 0, `wait() number ${i + 1} on a Barrier(1)`, 0));
  });
});

describe('wait: signals and errors', () => {
  test('wait() never throws: an already-aborted signal or a broken barrier give a rejected promise', points(2), async () => {
    const barrier = newBarrier(2);
    let result: Promise<number> | undefined;
    const thrown = thrownBy(() => (result = barrier.wait({ signal: AbortSignal.abort(new Error('gone')) })));
    expect(thrown, 'wait() with an already-aborted signal should return a rejected promise, not throw').toBe('nothing');
    const aborted = track(result!);
    barrier.abort();
    const thrownWhenBroken = thrownBy(() => (result = barrier.wait()));
    expect(thrownWhenBroken, 'wait() on a broken barrier should return a rejected promise, not throw').toBe('nothing');
    const broken = track(result!);
    await clock.settle();
    expect(aborted.state(), 'wait() with an already-aborted signal').toBe('rejected');
    expectBroken(broken, 0, 'wait() on a broken barrier');
  });

  test('an already-aborted signal rejects with its reason and does not arrive', points(2, { section: 'giving-up-the-wait-at-a-barrier' }), async () => {
    const barrier = newBarrier(2);
    const first = track(barrier.wait());
    const reason = new Error('not coming');
    const aborted = track(barrier.wait({ signal: AbortSignal.abort(reason) }));
    expectWaiting(barrier, 1, 'after a wait() with an already-aborted signal, one party waiting at a Barrier(2)');
    await clock.settle();
    expectRejectedWith(aborted, reason, 0, 'the wait() with an already-aborted signal');
    expectPending(first, 'the party waiting (the aborted wait() did not complete the round)');
    const second = track(barrier.wait());
    await clock.settle();
    expectResolved(first, 0, 'the first party', 0);
    expectResolved(second, 0, 'the second party', 1);
  });

  test('an already-aborted signal rejects with its reason as it is: a string, undefined, an object', async () => {
    const barrier = newBarrier(2);
    const controller = new AbortController();
    controller.abort(undefined); // the reason becomes an AbortError DOMException
    for (const signal of [AbortSignal.abort('a string'), AbortSignal.abort({ code: 42 }), AbortSignal.abort(0), AbortSignal.abort(null), controller.signal]) {
      const w = track(barrier.wait({ signal }));
      await clock.settle();
      expectRejectedWith(w, signal.reason, 0, `wait() with a signal aborted with ${show(signal.reason)}`);
    }
    expectWaiting(barrier, 0, 'after those wait() calls');
  });

  test('an already-aborted signal rejects with its reason even on a broken barrier', async () => {
    const barrier = newBarrier(2);
    barrier.abort();
    const w = track(barrier.wait({ signal: AbortSignal.abort('the signal first') }));
    await clock.settle();
    expectRejectedWith(w, 'the signal first', 0, 'wait() with an already-aborted signal on a broken barrier');
  });

  test(
    'an aborted wait() leaves the round at that moment: the barrier is not broken, and the round needs one more',
    points(3, { hint: 'In the abort listener, take that party out of the round (find it by identity) before you reject; do not break the barrier.', section: 'giving-up-the-wait-at-a-barrier' }),
    async () => {
      const barrier = newBarrier(3);
      const controller = new AbortController();
      const a = track(barrier.wait());
      const b = track(barrier.wait({ signal: controller.signal }));
      setTimeout(() => controller.abort('b gives up'), 40);
      await clock.advance(40);
      expectRejectedWith(b, 'b gives up', 40, 'b, whose signal aborted at 40 ms');
      expectWaiting(barrier, 1, 'after b left, with a waiting at a Barrier(3)');
      expect(barrier.broken, 'broken after a party left with its signal').toBe(false);
      expectPending(a, 'a, still waiting after b left');
      await clock.advance(20);
      const c = track(barrier.wait());
      await clock.settle();
      expectPending(a, 'a, once c arrived at 60 ms (two of three there, since b left)');
      expectPending(c, 'c, the second party still there');
      const d = track(barrier.wait());
      await clock.settle();
      expectResolved(a, 60, 'a, once d arrived at 60 ms', 0);
      expectResolved(c, 60, 'c', 1);
      expectResolved(d, 60, 'd', 2);
      expect(clock.timersStarted(), 'timers started (one by the spec itself)').toBe(1);
    },
  );

  test(
    'indices count only the parties still in the round: those after an aborted one move up',
    points(3, { hint: 'Give each party its index when the round is released, from its position among the parties still there, not when it arrives.', section: 'giving-up-the-wait-at-a-barrier' }),
    async () => {
      const barrier = newBarrier(3);
      const controller = new AbortController();
      const a = track(barrier.wait({ signal: controller.signal }));
      const b = track(barrier.wait());
      controller.abort('a gives up');
      const c = track(barrier.wait());
      const d = track(barrier.wait());
      await clock.settle();
      expectRejectedWith(a, 'a gives up', 0, 'a');
      expectResolved(b, 0, 'b (arrived second, but first of those still there)', 0);
      expectResolved(c, 0, 'c', 1);
      expectResolved(d, 0, 'd', 2);
    },
  );

  test('parties that leave one after the other take out exactly themselves', points(2, { section: 'giving-up-the-wait-at-a-barrier' }), async () => {
    const barrier = newBarrier(4);
    const [first, second] = [new AbortController(), new AbortController()];
    const a = track(barrier.wait({ signal: first.signal }));
    const b = track(barrier.wait({ signal: second.signal }));
    const c = track(barrier.wait());
    first.abort('a leaves');
    second.abort('b leaves');
    expectWaiting(barrier, 1, 'after a and then b left, with c waiting at a Barrier(4)');
    const rest = round(barrier, 3);
    await clock.settle();
    expectRejectedWith(a, 'a leaves', 0, 'a');
    expectRejectedWith(b, 'b leaves', 0, 'b');
    expectResolved(c, 0, 'c, the only one of the first three still there', 0);
    rest.forEach((w, i) => expectResolved(w, 0, `party ${i + 2} of the round`, i + 1));
  });

  test('one signal aborting several parties takes them all out of the round', async () => {
    const barrier = newBarrier(4);
    const controller = new AbortController();
    const leaving = [0, 1].map(() => track(barrier.wait({ signal: controller.signal })));
    const staying = track(barrier.wait());
    controller.abort('both');
    expectWaiting(barrier, 1, 'after two of three parties left with one signal');
    const rest = round(barrier, 3);
    await clock.settle();
    leaving.forEach((w, i) => expectRejectedWith(w, 'both', 0, `leaving party ${i + 1}`));
    expectResolved(staying, 0, 'the party that stayed', 0);
    rest.forEach((w, i) => expectResolved(w, 0, `party ${i + 2} of the round`, i + 1));
  });

  test('an abort after the round was released changes nothing: the wait() resolves with its index', points(2), async () => {
    const barrier = newBarrier(2);
    const controller = new AbortController();
    const first = track(barrier.wait({ signal: controller.signal }));
    const second = track(barrier.wait());
    controller.abort('too late');
    await clock.settle();
    expectResolved(first, 0, 'a party whose signal aborted right after its round was released', 0);
    expectResolved(second, 0, 'the other party', 1);
    const controller2 = new AbortController();
    const early = track(barrier.wait());
    const last = track(barrier.wait({ signal: controller2.signal }));
    controller2.abort('too late too');
    await clock.settle();
    expectResolved(early, 0, 'the first party of the next round', 0);
    expectResolved(last, 0, 'its last party, whose signal aborted right after the release', 1);
  });

  test(
    'an abort after the round was released does not touch the next round',
    points(2, { hint: 'Once a round is released, its parties’ abort listeners must have nothing left to do: remove them there, or make them check that the party is still in the round.' }),
    async () => {
      const barrier = newBarrier(2);
      const controller = new AbortController();
      const released = track(barrier.wait({ signal: controller.signal }));
      void barrier.wait();
      const next = track(barrier.wait());
      controller.abort('too late');
      expectWaiting(barrier, 1, 'in the next round, after the abort of a party already released');
      const last = track(barrier.wait());
      await clock.settle();
      expectResolved(released, 0, 'the released party', 0);
      expectResolved(next, 0, 'the first party of the next round', 0);
      expectResolved(last, 0, 'the second party of the next round', 1);
    },
  );

  test('wait() leaves no abort listener behind once it has waited, whichever way it settles', points(2), async () => {
    const barrier = newBarrier(2);
    const signal = new AbortController().signal;
    void barrier.wait({ signal });
    void barrier.wait();
    await clock.settle();
    expect(listeners(signal), 'abort listeners once a released party has resolved').toBe(0);
    const controller = new AbortController();
    barrier.wait({ signal: controller.signal }).catch(() => {});
    controller.abort('stop');
    await clock.settle();
    expect(listeners(controller.signal), 'abort listeners once an aborted wait() has rejected').toBe(0);
    const shared = new AbortController().signal;
    barrier.wait({ signal: shared }).catch(() => {});
    barrier.reset();
    barrier.wait({ signal: shared }).catch(() => {});
    barrier.abort();
    await clock.settle();
    expect(listeners(shared), 'abort listeners once a reset() and an abort() rejected the parties').toBe(0);
  });

  test('a wait() settled in its own call leaves no abort listener on the signal', async () => {
    const barrier = newBarrier(2);
    const signal = new AbortController().signal;
    void barrier.wait();
    void barrier.wait({ signal });
    expect(listeners(signal), 'abort listeners right after the last arrival of a round').toBe(0);
    const aborted = new AbortController();
    aborted.abort('already');
    barrier.wait({ signal: aborted.signal }).catch(() => {});
    expect(listeners(aborted.signal), 'abort listeners right after a wait() with an already-aborted signal').toBe(0);
    barrier.abort();
    barrier.wait({ signal }).catch(() => {});
    expect(listeners(signal), 'abort listeners right after a wait() on a broken barrier').toBe(0);
    await clock.settle();
  });
});

describe('abort and reset', () => {
  test('abort() rejects every waiting party with a BrokenBarrierError at that moment', points(3, { section: 'a-broken-barrier-abort-and-reset' }), async () => {
    const barrier = newBarrier(3);
    const waits = [track(barrier.wait()), track(barrier.wait({ signal: new AbortController().signal }))];
    setTimeout(() => barrier.abort(), 50);
    await clock.advance(50);
    waits.forEach((w, i) => expectBroken(w, 50, `party ${i + 1}, waiting when abort() was called at 50 ms`));
    expect((waits[0]!.value() as Error).name, 'the name of the BrokenBarrierError (as the stub sets it)').toBe('BrokenBarrierError');
    expect(barrier.broken, 'broken after abort()').toBe(true);
    expectWaiting(barrier, 0, 'after abort()');
  });

  test('after abort(), every wait() rejects with a BrokenBarrierError until reset()', points(3, { section: 'a-broken-barrier-abort-and-reset' }), async () => {
    const barrier = newBarrier(2);
    barrier.abort();
    expect(barrier.broken, 'broken after abort() with nobody waiting').toBe(true);
    const later = round(barrier, 3);
    expectWaiting(barrier, 0, 'after three wait() calls on the broken barrier');
    await clock.settle();
    later.forEach((w, i) => expectBroken(w, 0, `wait() number ${i + 1} on the broken barrier`));
    barrier.abort();
    expect(barrier.broken, 'broken after abort() twice').toBe(true);
    await clock.advance(10);
    const stillBroken = track(barrier.wait());
    await clock.settle();
    expectBroken(stillBroken, 10, 'a wait() after a second abort()');
    barrier.reset();
    const mended = round(barrier, 2);
    await clock.settle();
    mended.forEach((w, i) => expectResolved(w, 10, `party ${i + 1} of a round after reset()`, i));
  });

  test(
    'reset() rejects the waiting parties with a BrokenBarrierError, and the next round starts at index 0',
    points(3, { hint: 'reset() rejects everyone in the current round, then empties it: the next wait() is the first of a new round.', section: 'a-broken-barrier-abort-and-reset' }),
    async () => {
      const barrier = newBarrier(3);
      const waits = [track(barrier.wait()), track(barrier.wait({ signal: new AbortController().signal }))];
      setTimeout(() => barrier.reset(), 20);
      await clock.advance(20);
      waits.forEach((w, i) => expectBroken(w, 20, `party ${i + 1}, waiting when reset() was called at 20 ms`));
      expect(barrier.broken, 'broken after reset()').toBe(false);
      expectWaiting(barrier, 0, 'after reset()');
      const one = track(barrier.wait());
      const two = track(barrier.wait());
      await clock.settle();
      expectPending(one, 'the first party after reset(), with two of three there');
      expectPending(two, 'the second party after reset()');
      const three = track(barrier.wait());
      await clock.settle();
      expectResolved(one, 20, 'the first party after reset()', 0);
      expectResolved(two, 20, 'the second', 1);
      expectResolved(three, 20, 'the third', 2);
    },
  );

  test('reset() mends a broken barrier', points(2, { section: 'a-broken-barrier-abort-and-reset' }), async () => {
    const barrier = newBarrier(2);
    const waiting = track(barrier.wait());
    barrier.abort();
    barrier.reset();
    expect(barrier.broken, 'broken after abort() then reset()').toBe(false);
    await clock.settle();
    expectBroken(waiting, 0, 'the party waiting when abort() was called');
    const again = round(barrier, 2);
    await clock.settle();
    again.forEach((w, i) => expectResolved(w, 0, `party ${i + 1} of a round after abort() and reset()`, i));
  });

  test('reset() on an idle barrier changes nothing', async () => {
    const barrier = newBarrier(2);
    barrier.reset();
    expect(barrier.broken, 'broken after reset() of a new barrier').toBe(false);
    expectWaiting(barrier, 0, 'after reset() of a new barrier');
    const waits = round(barrier, 2);
    await clock.settle();
    waits.forEach((w, i) => expectResolved(w, 0, `party ${i + 1} of the round after that reset()`, i));
  });
});
