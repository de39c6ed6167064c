// Hidden spec of 11-events-and-queues/condition: an asyncio-style Condition on top of the given
// fair Lock: wait, waitFor, notify, notifyAll, runExclusive, and giving up a wait with a signal.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
// (The stub gives RuntimeError, WaitOptions and Lock, complete; the Lock's clauses are checked
// through the condition's acquire, release and locked, which are the lock's own.)
//
// The given Lock, through the condition
//  1. acquire() on a free lock takes it at once (locked() true when acquire returns), resolving in a
//     microtask; on a held lock the caller queues at the end; release() hands it straight to the
//     first in the queue (locked() stays true), nobody barges; free when nobody waits.
//       - acquire, release and locked are the lock’s own: one holder at a time, first come first served
//       - an acquire right after a release queues behind the callers already waiting
//  2. release() of a free lock throws a RuntimeError and changes nothing.
//       - release of a free lock throws a RuntimeError and changes nothing
//  3. acquire({ signal }): already aborted rejects at once without taking or queueing; an abort in
//     the queue leaves it and rejects; no listener left once settled.
//       - acquire with a signal: an already-aborted one takes nothing, an abort in the queue leaves it, no listener is left
//     Condition's acquire/release/locked are the lock's own (its acquire may settle a microtask or
//     two later than the lock's: no test depends on how many); the three tests above use them.
// The class
//  4. The line is first come, first served; a waiter that waits again joins the end.
//       - notify wakes the waiters first come first served, n at a time
//       - a waiter that waits again joins the end of the line
//  5. Stage 2: a notify takes the waiter off the line and queues it for the lock in that call, at
//     the back of the lock's queue, behind the callers already there.
//       - notified waiters queue for the lock in the notify call: an acquire right after gets it after them
//       - notified waiters queue behind callers already waiting for the lock
//       - a waiter notified once is not notified again: two notify(1) calls wake two waiters
//  6. Stage 3: it settles once the lock's acquire has resolved, holding the lock.
//       - wait resolves with undefined once notified and once the notifier lets go of the lock
//       - the waiters a notifyAll wakes run one at a time, each holding the lock in turn
//  7. No spurious wake-ups: wait resolves only once notified.
//       - wait never resolves without a notify, whatever else happens to the lock
//       - a notify with nobody waiting is no error, and is not kept for a later wait
//  8. Uses only the lock's acquire, release and locked; no timers; settles at the virtual time of
//     the call that made it possible.
//       - it works with a lock of the grader’s own that has only acquire, release and locked
//       - everything settles at the virtual time of the call that made it possible, without a timer
// constructor, lock
//  9. Uses the lock given, or a new Lock of its own; several conditions may share one lock.
//       - a condition without a lock gets a new Lock of its own
//       - a condition uses the lock it is given, and several conditions may share one
// 10. Creating one starts nothing and does not touch the lock.
//       - creating a condition does not touch the lock and starts nothing
// runExclusive
// 11. Takes the lock as acquire(options); a rejection there rejects runExclusive, fn never called.
//       - runExclusive with an aborted signal rejects with its reason and never calls fn
//       - runExclusive waits in the same queue as acquire
// 12. Calls fn once, no arguments, holding the lock; fn may wait and notify.
//       - runExclusive calls fn once, with no arguments, holding the lock, and releases it afterwards
// 13. Waits for a value, promise or thenable; releases, then resolves or rejects with the very
//     value; a synchronous throw releases and rejects; never throws.
//       - runExclusive releases the lock and resolves with what fn returns: a value, a promise, a thenable
//       - runExclusive rejects with fn’s very error, thrown or rejected, and releases the lock either way
// 14. The signal is only for taking the lock.
//       - runExclusive’s signal is only for taking the lock: aborting it while fn runs changes nothing
// wait
// 15. Lock free: rejects with a RuntimeError at once, changes nothing; never throws. (First check.)
//       - wait on a free lock rejects with a RuntimeError, never throws, and changes nothing
// 16. Signal already aborted: rejects with its reason as it is, keeps the lock (not even letting go
//     for a moment: a caller in the lock's queue goes on waiting), joins no line.
//       - wait with an already-aborted signal rejects with its reason and keeps the lock
// 17. Otherwise joins the end of the line and releases the lock in the call itself (as
//     lock.release does: to the first caller in the lock's queue).
//       - wait lets go of the lock and joins the line in the call itself
//       - wait hands the lock straight to the first caller in the lock’s queue
// 18. Resolves once awake: the code after it runs holding the lock.
//       - wait resolves with undefined once notified and once the notifier lets go of the lock
// 19. Abort in stage 1: leaves the line then, queues for the lock then (takes a free one at once),
//     rejects with the reason once it holds the lock; wakes nobody else.
//       - an aborted wait leaves the line at once, and rejects with its reason once it holds the lock again
//       - a wait aborted while the lock is free takes the lock at once
//       - a wait aborted before any notify wakes nobody else
// 20. Abort in stage 2: passes the wake-up on at that moment to the first waiter in the line (if
//     any), keeps its place in the lock's queue, rejects once it holds the lock.
//       - a waiter aborted after a notify picked it passes its wake-up on to the next waiter
//       - the wake-up is passed on at the abort: its new waiter gets the lock before later callers
//       - a waiter aborted after the lock was handed to it, before it woke up, still rejects and passes its wake-up on
//       - an aborted notified waiter with nobody left in the line passes nothing on
//       - producer and consumers: an item announced to a consumer that gives up goes to another one
// 21. Once settled, the signal no longer matters; no abort listener left either way.
//       - once wait has resolved, an abort changes nothing, and no abort listener is left
//       - an aborted wait leaves no abort listener behind
// waitFor
// 22. Lock free: rejects with a RuntimeError at once, without calling predicate.
//       - waitFor on a free lock rejects with a RuntimeError without calling the predicate
// 23. Calls predicate at once (in the call), then once per wake-up, never otherwise, always with
//     the lock held.
//       - waitFor calls the predicate at once and resolves with its truthy value without waiting
//       - waitFor calls the predicate once per wake-up, holding the lock, and never otherwise
// 24. A truthy value (JavaScript's truthiness) resolves with that very value, holding the lock.
//       - waitFor calls the predicate at once and resolves with its truthy value without waiting
//       - waitFor takes JavaScript’s truthiness: an empty array ends the wait
// 25. A falsy value: wait(options), then predicate again.
//       - waitFor keeps waiting while the predicate is falsy: false, 0, '', null, undefined, NaN
// 26. Predicate throws: rejects with what it threw, waits no more, lock still held.
//       - a predicate that throws makes waitFor reject with what it threw, holding the lock
// 27. Signal: a rejected wait rejects waitFor with the reason, holding the lock, predicate not
//     called again; an already-aborted signal matters only when the first value is falsy.
//       - an aborted waitFor rejects with the reason, holding the lock, without calling the predicate again
//       - a signal already aborted makes waitFor reject only when the predicate is falsy at once
// notify, notifyAll
// 28. Lock free: throws a RuntimeError, wakes nobody. (First check.)
//       - notify and notifyAll on a free lock throw a RuntimeError and wake nobody
// 29. n: whole number ≥ 0 or Infinity; anything else throws a RangeError and wakes nobody.
//       - notify(0) wakes nobody, notify() wakes one, notify(Infinity) wakes all
//       - notify with an n that is not a whole number 0 or more, nor Infinity, throws a RangeError and wakes nobody
// 30. Takes the first n waiters off the line (all when fewer; none waiting is no error), queues each
//     for the lock in line order in the call; does not release the lock.
//       - notify wakes the waiters first come first served, n at a time
//       - a waiter notified once is not notified again: two notify(1) calls wake two waiters
//       - wait resolves with undefined once notified and once the notifier lets go of the lock
// 31. notifyAll wakes every waiter in the line at that moment, and no wait that starts later.
//       - notifyAll wakes every waiter in the line at that moment, and no wait that starts later
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { describeOutcome, expectList, expectPending, expectThrows, loadExercise, points, show, sleep, thrownBy, track, type Tracked, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/11-events-and-queues/condition.ts');
type ConditionInstance = import('@target/11-events-and-queues/condition.ts').Condition;
type LockInstance = import('@target/11-events-and-queues/condition.ts').Lock;

const ex = loadExercise<Module>('11-events-and-queues/condition', ['Condition', 'Lock', 'RuntimeError']);
const clock = useVirtualTime();

const SECTION = {
  state: 'conditions-waiting-until-the-state-is-right',
  wait: 'wait-let-go-wait-take-the-lock-back',
  typescript: 'a-condition-in-typescript-a-line-of-resolvers',
  lostWakeUp: 'the-lost-wake-up-look-and-wait-in-one-step',
  notify: 'notifyn-and-notifyall-who-wakes-and-who-gets-the-lock',
  givingUp: 'giving-up-a-wait-the-lock-comes-back-first',
  differ: 'conditions-where-asyncio-and-typescript-differ',
} as const;

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

function expectResolved(outcome: Tracked<unknown>, at: number, what: string, value: unknown = undefined): void {
  const expected = describeOutcome({ resolved: value, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `${what} should have ${expected}, but it ${actual}`).toBe(expected);
}

function expectRejectedWith(outcome: Tracked<unknown>, reason: unknown, at: number, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && Object.is(o.rejected, reason) && o.at === at;
  expect(ok, `${what} should have rejected with ${show(reason)} itself at ${at} ms, but it ${describeOutcome(o)}`).toBe(true);
}

function expectRuntimeError(outcome: Tracked<unknown>, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && o.rejected instanceof ex.RuntimeError && o.rejected instanceof Error && o.rejected.name === 'RuntimeError';
  expect(ok, `${what} should have rejected with a RuntimeError (the class the stub exports), but it ${describeOutcome(o)}`).toBe(true);
}

/** Calls `fn`, which must return a promise and not throw, and tracks that promise. */
function trackCall<T>(fn: () => PromiseLike<T>, what: string): Tracked<T> {
  let result: PromiseLike<T> | undefined;
  const thrown = thrownBy(() => (result = fn()));
  expect(thrown, `${what} should return a promise (every failure a rejection), but it threw ${show(thrown)}`).toBe('nothing');
  return track(result!);
}

const newCondition = (lock?: LockInstance): ConditionInstance => (lock === undefined ? new ex.Condition() : new ex.Condition(lock));

/**
 * A condition with a log. `waiter(name)` starts a task that takes the lock and waits; when its
 * wait settles it logs `name woke` or `name rejected with …` (adding ", without the lock" if the
 * lock is free then), stays in its critical section `holdMs`, and releases the lock.
 * `inside(name)` / `outside()` mark critical sections, and `overlaps` lists who entered one while
 * another was running.
 */
function scene(cond: ConditionInstance = newCondition()) {
  const log: string[] = [];
  const overlaps: string[] = [];
  let running = 0;
  const inside = (name: string): void => {
    if (running > 0) overlaps.push(name);
    running++;
  };
  const outside = (): void => {
    running--;
  };
  function waiter(name: string, options: { signal?: AbortSignal; holdMs?: number } = {}): Tracked<void> {
    return track(
      (async () => {
        await cond.acquire();
        let line: string;
        try {
          await cond.wait(options.signal ? { signal: options.signal } : {});
          line = `${name} woke`;
        } catch (reason) {
          line = `${name} rejected with ${show(reason)}`;
        }
        log.push(cond.locked() ? line : `${line}, without the lock`);
        inside(name);
        if (options.holdMs) await sleep(options.holdMs);
        outside();
        if (cond.locked()) cond.release();
      })(),
    );
  }
  /** Takes the lock (in the queue), logs `name got the lock`, holds it `holdMs`, releases it. */
  function taker(name: string, holdMs = 0): Tracked<void> {
    return track(
      (async () => {
        await cond.acquire();
        log.push(`${name} got the lock`);
        inside(name);
        if (holdMs) await sleep(holdMs);
        outside();
        cond.release();
      })(),
    );
  }
  return { cond, log, overlaps, waiter, taker, inside, outside };
}

/** Takes the condition's lock, runs `fn` with it held, then releases it (at once, in the same code). */
async function holding(cond: ConditionInstance, fn: () => void): Promise<void> {
  await cond.acquire();
  fn();
  cond.release();
}

/** The grader's own lock: the stub's `Lock` rewritten, with acquire, release and locked only. */
class GraderLock {
  held = false;
  readonly queue: (() => void)[] = [];
  calls = 0;
  locked(): boolean {
    return this.held;
  }
  acquire(options: { signal?: AbortSignal } = {}): Promise<void> {
    this.calls++;
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.queue.splice(this.queue.indexOf(grant), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
  }
  release(): void {
    if (!this.held) throw new ex.RuntimeError('release() of a free lock');
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
}

describe('the given Lock, through the condition', () => {
  test('acquire, release and locked are the lock’s own: one holder at a time, first come first served', points(2, { section: SECTION.wait }), async () => {
    const s = scene();
    const { cond } = s;
    expect(cond.locked(), 'locked() of a new condition').toBe(false);
    const first = track(cond.acquire());
    expect(cond.locked(), 'locked() as soon as acquire() on a free lock returns').toBe(true);
    expect(cond.lock.locked(), 'the lock’s own locked() then').toBe(true);
    const takers = [s.taker('b', 100), s.taker('c', 100)];
    await clock.settle();
    expectResolved(first, 0, 'acquire() on a free lock');
    expectList(s.log, [], 'who got the lock while the first caller holds it');
    cond.release();
    expect(cond.locked(), 'locked() right after a release() that handed the lock to a waiting caller').toBe(true);
    await clock.advance(200);
    expectList(s.log, ['b got the lock', 'c got the lock'], 'who got the lock, in order');
    expect(s.overlaps, 'callers who got the lock while another held it').toEqual([]);
    await clock.settle();
    expectResolved(takers[0]!, 100, 'the first caller in the queue, which held the lock 100 ms');
    expectResolved(takers[1]!, 200, 'the second caller in the queue, which held it 100 ms after that');
    expect(cond.locked(), 'locked() once everyone has released it').toBe(false);
    expect(cond.lock.locked(), 'the lock’s own locked() then').toBe(false);
  });

  test('an acquire right after a release queues behind the callers already waiting', points(1, { section: SECTION.notify }), async () => {
    const s = scene();
    await s.cond.acquire();
    s.taker('waiting');
    await clock.settle();
    s.cond.release();
    s.taker('newcomer');
    await clock.settle();
    expectList(s.log, ['waiting got the lock', 'newcomer got the lock'], 'who got the lock');
  });

  test('release of a free lock throws a RuntimeError and changes nothing', points(1), async () => {
    const cond = newCondition();
    expectThrows(() => cond.release(), ex.RuntimeError, 'RuntimeError', 'release() of a free lock');
    expect(cond.locked(), 'locked() after that').toBe(false);
    const again = track(cond.acquire());
    await clock.settle();
    expectResolved(again, 0, 'acquire() after that');
  });

  test('acquire with a signal: an already-aborted one takes nothing, an abort in the queue leaves it, no listener is left', points(2, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    const early = track(cond.acquire({ signal: AbortSignal.abort('too early') }));
    expect(cond.locked(), 'locked() after acquire() with an already-aborted signal on a free lock').toBe(false);
    await clock.settle();
    expectRejectedWith(early, 'too early', 0, 'acquire() with an already-aborted signal');
    await cond.acquire();
    const controller = new AbortController();
    const leaving = track(cond.acquire({ signal: controller.signal }));
    const next = track(cond.acquire());
    await clock.settle();
    controller.abort('gave up');
    await clock.settle();
    expectRejectedWith(leaving, 'gave up', 0, 'acquire() aborted in the queue');
    expect(listeners(controller.signal), 'abort listeners left on the signal of the aborted acquire()').toBe(0);
    cond.release();
    await clock.settle();
    expectResolved(next, 0, 'the acquire() behind the aborted one');
    const kept = new AbortController();
    cond.release();
    await cond.acquire({ signal: kept.signal });
    const queued = track(cond.acquire({ signal: kept.signal }));
    cond.release();
    await clock.settle();
    expectResolved(queued, 0, 'acquire() with a signal, handed the lock');
    expect(listeners(kept.signal), 'abort listeners left on a signal once its acquire() calls resolved').toBe(0);
  });
});

describe('constructor and lock', () => {
  test('a condition without a lock gets a new Lock of its own', points(2), async () => {
    const one = newCondition();
    const two = new ex.Condition(undefined);
    expect(one.lock instanceof ex.Lock, 'new Condition().lock should be a Lock').toBe(true);
    expect(one.lock, 'new Condition().lock, asked twice').toBe(one.lock);
    expect(one.lock === two.lock, 'two conditions created without a lock share their lock').toBe(false);
    await one.acquire();
    expect(two.locked(), 'locked() of another condition while the first one’s lock is held').toBe(false);
    const other = track(two.acquire());
    await clock.settle();
    expectResolved(other, 0, 'acquire() of another condition while the first one’s lock is held');
    expect(one.lock.locked(), 'the first condition’s lock’s locked()').toBe(true);
  });

  test('a condition uses the lock it is given, and several conditions may share one', points(3, { section: SECTION.state }), async () => {
    const lock = new ex.Lock();
    const a = newCondition(lock);
    const b = newCondition(lock);
    expect(a.lock, 'the lock of new Condition(lock)').toBe(lock);
    await lock.acquire();
    expect([a.locked(), b.locked()], 'locked() of both conditions once the shared lock is taken directly').toEqual([true, true]);
    const viaA = track(a.acquire());
    await clock.settle();
    expectPending(viaA, 'acquire() of a condition whose lock is held by other code');
    lock.release();
    await clock.settle();
    expectResolved(viaA, 0, 'that acquire(), once the lock is released');
    // A waiter on b; notified through a's lock being held.
    const onB = track(b.wait());
    expect(lock.locked(), 'the shared lock after b.wait() let go of it').toBe(false);
    await lock.acquire();
    a.notifyAll();
    lock.release();
    await clock.settle();
    expectPending(onB, 'a waiter of condition b after a.notifyAll()');
    await lock.acquire();
    b.notify();
    lock.release();
    await clock.settle();
    expectResolved(onB, 0, 'that waiter after b.notify()');
    expect(lock.locked(), 'the shared lock, held by the woken waiter').toBe(true);
  });

  test('creating a condition does not touch the lock and starts nothing', async () => {
    const held = new ex.Lock();
    await held.acquire();
    const cond = newCondition(held);
    expect(held.locked(), 'a held lock given to new Condition()').toBe(true);
    expect(cond.locked(), 'locked() of that condition').toBe(true);
    const free = new ex.Lock();
    newCondition(free);
    expect(free.locked(), 'a free lock given to new Condition()').toBe(false);
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });

  test('it works with a lock of the grader’s own that has only acquire, release and locked', points(2, { hint: 'Call only the lock’s acquire(), release() and locked(); keep no state of the lock in the condition.' }), async () => {
    const lock = new GraderLock();
    const s = scene(newCondition(lock as unknown as LockInstance));
    expect(s.cond.lock, 'the lock of the condition').toBe(lock as unknown);
    s.waiter('a');
    const controller = new AbortController();
    s.waiter('b', { signal: controller.signal });
    s.waiter('c');
    await clock.settle();
    expect(lock.locked(), 'the grader’s lock while three waiters wait').toBe(false);
    await lock.acquire();
    s.cond.notify(2);
    controller.abort('b gives up');
    lock.release();
    await clock.settle();
    expectList(s.log, ['a woke', "b rejected with 'b gives up'", 'c woke'], 'what the waiters saw');
    expect(lock.locked(), 'the grader’s lock at the end').toBe(false);
    expect(lock.calls, 'calls of the grader’s lock’s acquire()').toBeGreaterThan(4);
  });
});

describe('wait', () => {
  test('wait on a free lock rejects with a RuntimeError, never throws, and changes nothing', points(2, { section: SECTION.lostWakeUp }), async () => {
    const s = scene();
    const early = trackCall(() => s.cond.wait(), 'wait() on a free lock');
    const alsoAborted = trackCall(() => s.cond.wait({ signal: AbortSignal.abort('aborted') }), 'wait() on a free lock with an aborted signal');
    expect(s.cond.locked(), 'locked() after wait() on a free lock').toBe(false);
    await clock.settle();
    expectRuntimeError(early, 'wait() on a free lock');
    expectRuntimeError(alsoAborted, 'wait() on a free lock with an already-aborted signal (the lock check comes first)');
    s.waiter('real');
    await clock.settle();
    await holding(s.cond, () => s.cond.notify());
    await clock.settle();
    expectList(s.log, ['real woke'], 'who a notify() woke after the failed wait() calls');
  });

  test('wait with an already-aborted signal rejects with its reason and keeps the lock', points(2, { hint: 'Check the signal before you touch the line or the lock: an already-aborted wait() must not let go of the lock, even to take it back at once.', section: SECTION.givingUp }), async () => {
    const s = scene();
    await s.cond.acquire();
    const contender = s.taker('contender', 100); // waits in the lock's queue meanwhile
    await clock.settle();
    for (const reason of [new Error('gone'), 'a string', undefined, 0]) {
      const signal = AbortSignal.abort(reason);
      const wait = trackCall(() => s.cond.wait({ signal }), `wait() with a signal aborted with ${show(reason)}`);
      expect(s.cond.locked(), 'locked() right after that wait()').toBe(true);
      await clock.settle();
      expectRejectedWith(wait, signal.reason, 0, `wait() with a signal aborted with ${show(reason)}, while another caller waits for the lock`);
      expectList(s.log, [], 'who got the lock meanwhile (the caller of wait() should have kept it)');
    }
    expectPending(contender, 'an acquire() by someone else, while the caller of those wait() calls still holds the lock');
    s.cond.notify(); // nobody in the line: the aborted waits never joined it
    s.cond.release();
    await clock.advance(100);
    s.waiter('later');
    await clock.settle();
    await holding(s.cond, () => s.cond.notify());
    await clock.settle();
    expectList(s.log, ['contender got the lock', 'later woke'], 'what happened after');
  });

  test('wait lets go of the lock and joins the line in the call itself', points(3, { hint: 'Put the waiter in the line and release the lock synchronously, inside wait(), before any await.', section: SECTION.lostWakeUp }), async () => {
    const cond = newCondition();
    await cond.acquire();
    const waiting = trackCall(() => cond.wait(), 'wait()');
    expect(cond.locked(), 'locked() as soon as wait() returns (nobody else waits for the lock)').toBe(false);
    // In the same synchronous code: take the lock at once, notify, let go.
    void cond.acquire();
    expect(cond.locked(), 'locked() after acquire() on the lock wait() let go of').toBe(true);
    cond.notify();
    cond.release();
    await clock.settle();
    expectResolved(waiting, 0, 'the wait(), notified in the same synchronous code that called it');
  });

  test('wait hands the lock straight to the first caller in the lock’s queue', points(1), async () => {
    const s = scene();
    await s.cond.acquire();
    s.taker('queued');
    const waiting = track(s.cond.wait());
    expect(s.cond.locked(), 'locked() right after wait(), with a caller waiting for the lock').toBe(true);
    await clock.settle();
    expectList(s.log, ['queued got the lock'], 'who got the lock that wait() let go of');
    expectPending(waiting, 'the wait()');
  });

  test('wait resolves with undefined once notified and once the notifier lets go of the lock', points(3, { section: SECTION.wait }), async () => {
    const s = scene();
    const a = s.waiter('a');
    await clock.settle();
    expectPending(a, 'a waiter nobody notified');
    await s.cond.acquire();
    s.cond.notify();
    expect(s.cond.locked(), 'locked() right after notify(): notify does not let go of the lock').toBe(true);
    await clock.advance(100);
    expectList(s.log, [], 'waiters woken while the notifier still holds the lock');
    s.cond.release();
    await clock.settle();
    expectList(s.log, ['a woke'], 'waiters woken once the notifier let go of the lock');
    expectResolved(a, 100, 'the waiter task');
    const direct = newCondition();
    await direct.acquire();
    const waited = track(direct.wait());
    await holding(direct, () => direct.notify());
    await clock.settle();
    expectResolved(waited, 100, 'wait() itself, once notified');
    expect(direct.locked(), 'locked() after the wait() resolved: the waiter holds the lock').toBe(true);
  });

  test('the waiters a notifyAll wakes run one at a time, each holding the lock in turn', points(2, { section: SECTION.wait }), async () => {
    const s = scene();
    for (const name of ['a', 'b', 'c']) s.waiter(name, { holdMs: 100 });
    await clock.settle();
    await holding(s.cond, () => s.cond.notifyAll());
    await clock.advance(150);
    expectList(s.log, ['a woke', 'b woke'], 'waiters woken after 150 ms, each holding the lock 100 ms');
    await clock.advance(200);
    expectList(s.log, ['a woke', 'b woke', 'c woke'], 'waiters woken after 350 ms');
    expect(s.overlaps, 'waiters that ran while another held the lock').toEqual([]);
  });
});

describe('notify and notifyAll', () => {
  test('notify wakes the waiters first come first served, n at a time', points(3, { section: SECTION.notify }), async () => {
    const s = scene();
    for (const name of ['a', 'b', 'c', 'd', 'e']) s.waiter(name);
    await clock.settle();
    await holding(s.cond, () => s.cond.notify(1));
    await clock.settle();
    expectList(s.log, ['a woke'], 'woken after notify(1)');
    await holding(s.cond, () => s.cond.notify(2));
    await clock.settle();
    expectList(s.log, ['a woke', 'b woke', 'c woke'], 'woken after notify(2)');
    await holding(s.cond, () => s.cond.notify(5));
    await clock.settle();
    expectList(s.log, ['a woke', 'b woke', 'c woke', 'd woke', 'e woke'], 'woken after notify(5) with two waiting');
  });

  test('notify(0) wakes nobody, notify() wakes one, notify(Infinity) wakes all', points(2), async () => {
    const s = scene();
    for (const name of ['a', 'b', 'c']) s.waiter(name);
    await clock.settle();
    await holding(s.cond, () => s.cond.notify(0));
    await clock.settle();
    expectList(s.log, [], 'woken after notify(0)');
    await holding(s.cond, () => s.cond.notify());
    await clock.settle();
    expectList(s.log, ['a woke'], 'woken after notify()');
    await holding(s.cond, () => s.cond.notify(Number.POSITIVE_INFINITY));
    await clock.settle();
    expectList(s.log, ['a woke', 'b woke', 'c woke'], 'woken after notify(Infinity)');
  });

  test('notify with an n that is not a whole number 0 or more, nor Infinity, throws a RangeError and wakes nobody', points(2), async () => {
    const s = scene();
    s.waiter('a');
    s.waiter('b');
    await clock.settle();
    await s.cond.acquire();
    for (const bad of [-1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY, -0.5, '2' as unknown as number]) {
      expectThrows(() => s.cond.notify(bad), RangeError, 'RangeError', `notify(${show(bad)})`);
    }
    s.cond.notify(1);
    s.cond.release();
    await clock.settle();
    expectList(s.log, ['a woke'], 'woken by the failed notify calls and one notify(1)');
  });

  test('notify and notifyAll on a free lock throw a RuntimeError and wake nobody', points(2, { section: SECTION.lostWakeUp }), async () => {
    const s = scene();
    s.waiter('a');
    await clock.settle();
    expect(s.cond.locked(), 'locked() while the waiter waits').toBe(false);
    expectThrows(() => s.cond.notify(), ex.RuntimeError, 'RuntimeError', 'notify() on a free lock');
    expectThrows(() => s.cond.notify(-1), ex.RuntimeError, 'RuntimeError', 'notify(-1) on a free lock (the lock check comes first)');
    expectThrows(() => s.cond.notifyAll(), ex.RuntimeError, 'RuntimeError', 'notifyAll() on a free lock');
    await clock.settle();
    expectList(s.log, [], 'woken by them');
    expect(s.cond.locked(), 'locked() after them').toBe(false);
    await holding(s.cond, () => s.cond.notify());
    await clock.settle();
    expectList(s.log, ['a woke'], 'woken by a notify() with the lock held');
  });

  test('a notify with nobody waiting is no error, and is not kept for a later wait', points(2, { section: SECTION.lostWakeUp }), async () => {
    const s = scene();
    await s.cond.acquire();
    expect(thrownBy(() => s.cond.notify()), 'notify() with nobody waiting').toBe('nothing');
    expect(thrownBy(() => s.cond.notify(3)), 'notify(3) with nobody waiting').toBe('nothing');
    expect(thrownBy(() => s.cond.notifyAll()), 'notifyAll() with nobody waiting').toBe('nothing');
    s.cond.release();
    const late = s.waiter('late');
    await clock.advance(100);
    expectPending(late, 'a wait() that started after those notify calls');
    expectList(s.log, [], 'woken');
  });

  test('a waiter notified once is not notified again: two notify(1) calls wake two waiters', points(2, { section: SECTION.notify }), async () => {
    const s = scene();
    for (const name of ['a', 'b', 'c']) s.waiter(name);
    await clock.settle();
    await s.cond.acquire();
    s.cond.notify(1);
    s.cond.notify(1);
    s.cond.release();
    await clock.settle();
    expectList(s.log, ['a woke', 'b woke'], 'woken by two notify(1) calls made together');
  });

  test('notifyAll wakes every waiter in the line at that moment, and no wait that starts later', points(2, { section: SECTION.notify }), async () => {
    const s = scene();
    for (const name of ['a', 'b']) s.waiter(name);
    await clock.settle();
    await s.cond.acquire();
    s.cond.notifyAll();
    const notifierWaits = track(s.cond.wait()); // joins the line right after the notifyAll
    await clock.settle();
    expectList(s.log, ['a woke', 'b woke'], 'woken by notifyAll()');
    expectPending(notifierWaits, 'a wait() that started right after the notifyAll()');
  });

  test('a waiter that waits again joins the end of the line', points(2, { section: SECTION.wait }), async () => {
    const cond = newCondition();
    const log: string[] = [];
    const looper = (async () => {
      await cond.acquire();
      await cond.wait();
      log.push('a woke');
      await cond.wait(); // again: behind b
      log.push('a woke again');
      cond.release();
    })();
    await clock.settle();
    const s = scene(cond);
    s.waiter('b');
    await clock.settle();
    await holding(cond, () => cond.notify());
    await clock.settle();
    expectList(log, ['a woke'], 'a after the first notify()');
    await holding(cond, () => cond.notify());
    await clock.settle();
    expectList([...log, ...s.log], ['a woke', 'b woke'], 'who the second notify() woke');
    await holding(cond, () => cond.notify());
    await looper;
    expectList([...log, ...s.log], ['a woke', 'a woke again', 'b woke'], 'who the third notify() woke');
  });

  test('notified waiters queue for the lock in the notify call: an acquire right after gets it after them', points(3, { hint: 'Call lock.acquire() for each woken waiter inside notify() itself, not when the waiter’s code runs later: then a caller who asks for the lock after the notify queues behind them.', section: SECTION.notify }), async () => {
    const s = scene();
    s.waiter('a');
    s.waiter('b');
    await clock.settle();
    await s.cond.acquire();
    s.cond.notify(2);
    s.cond.release();
    s.taker('newcomer'); // asks at once, in the same synchronous code
    await clock.settle();
    expectList(s.log, ['a woke', 'b woke', 'newcomer got the lock'], 'who got the lock, in order');
  });

  test('notified waiters queue behind callers already waiting for the lock', points(1, { section: SECTION.notify }), async () => {
    const s = scene();
    s.waiter('a');
    await clock.settle();
    await s.cond.acquire();
    s.taker('early');
    await clock.settle();
    s.cond.notify();
    s.cond.release();
    await clock.settle();
    expectList(s.log, ['early got the lock', 'a woke'], 'who got the lock, in order');
  });

  test('wait never resolves without a notify, whatever else happens to the lock', points(2, { section: SECTION.differ }), async () => {
    const lock = new ex.Lock();
    const s = scene(newCondition(lock));
    const other = newCondition(lock);
    const a = s.waiter('a');
    const b = s.waiter('b');
    await clock.settle();
    for (let i = 0; i < 3; i++) {
      await lock.acquire();
      other.notifyAll();
      lock.release();
      await s.cond.acquire();
      s.cond.release();
      await clock.advance(100);
    }
    expectPending(a, 'a waiter nobody notified');
    expectPending(b, 'another waiter nobody notified');
  });
});

describe('giving up a wait', () => {
  test('an aborted wait leaves the line at once, and rejects with its reason once it holds the lock again', points(4, { hint: 'On abort, take the waiter out of the line and call lock.acquire() at once; reject only when that acquire resolves.', section: SECTION.givingUp }), async () => {
    const s = scene();
    const controller = new AbortController();
    const a = s.waiter('a', { signal: controller.signal });
    s.waiter('b');
    await clock.settle();
    await s.cond.acquire();
    setTimeout(() => controller.abort('a gives up'), 50);
    await clock.advance(50);
    expectPending(a, 'a waiter aborted while the lock is held by someone else');
    s.cond.notify(1); // a has left the line: this one is b's
    await clock.advance(50);
    expectList(s.log, [], 'what the waiters saw while the lock was still held');
    s.cond.release();
    await clock.settle();
    expectList(s.log, ["a rejected with 'a gives up'", 'b woke'], 'what the waiters saw after the release, in order');
    expect(s.cond.locked(), 'locked() at the end').toBe(false);
  });

  test('a wait aborted while the lock is free takes the lock at once', points(2, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    const controller = new AbortController();
    await cond.acquire();
    const waiting = track(cond.wait({ signal: controller.signal }));
    setTimeout(() => controller.abort('stop'), 100);
    await clock.advance(99);
    expect(cond.locked(), 'locked() while the wait() waits').toBe(false);
    await clock.advance(1);
    expect(cond.locked(), 'locked() right after the abort, with the lock free').toBe(true);
    expectRejectedWith(waiting, 'stop', 100, 'the aborted wait()');
    const contender = track(cond.acquire());
    await clock.settle();
    expectPending(contender, 'an acquire() by someone else after the aborted wait() rejected: the waiter holds the lock');
    cond.release();
    await clock.settle();
    expectResolved(contender, 100, 'that acquire(), once the waiter released the lock');
  });

  test('a wait aborted before any notify wakes nobody else', points(2, { hint: 'Pass a wake-up on only when a notify had picked the aborted waiter; one aborted before any notify has none to pass.', section: SECTION.givingUp }), async () => {
    const s = scene();
    const controller = new AbortController();
    const a = s.waiter('a');
    s.waiter('b', { signal: controller.signal });
    const c = s.waiter('c');
    await clock.settle();
    controller.abort('b gives up');
    await clock.advance(100);
    expectList(s.log, ["b rejected with 'b gives up'"], 'what the waiters saw');
    expectPending(a, 'the waiter before it in the line, which nobody notified');
    expectPending(c, 'the waiter behind it in the line, which nobody notified');
    await holding(s.cond, () => s.cond.notify(2));
    await clock.settle();
    expectList(s.log, ["b rejected with 'b gives up'", 'a woke', 'c woke'], 'what the waiters saw after a notify(2)');
  });

  test('a waiter aborted after a notify picked it passes its wake-up on to the next waiter', points(4, { hint: 'In the abort listener, check whether a notify already took the waiter off the line: if so, notify the next waiter in its place.', section: SECTION.givingUp }), async () => {
    const s = scene();
    const controller = new AbortController();
    s.waiter('a', { signal: controller.signal });
    s.waiter('b');
    const c = s.waiter('c');
    await clock.settle();
    await s.cond.acquire();
    s.cond.notify(1);
    controller.abort('a gives up');
    s.cond.release();
    await clock.settle();
    expectList(s.log, ["a rejected with 'a gives up'", 'b woke'], 'what the waiters saw, in order');
    expectPending(c, 'the third waiter: one notify, one wake-up passed on');
  });

  test('the wake-up is passed on at the abort: its new waiter gets the lock before later callers', points(2, { section: SECTION.givingUp }), async () => {
    const s = scene();
    const controller = new AbortController();
    s.waiter('a', { signal: controller.signal });
    s.waiter('b');
    await clock.settle();
    await s.cond.acquire();
    s.cond.notify(1);
    controller.abort('a gives up');
    s.taker('later'); // asks for the lock after the abort
    s.cond.release();
    await clock.settle();
    expectList(s.log, ["a rejected with 'a gives up'", 'b woke', 'later got the lock'], 'who got the lock, in order');
  });

  test('a waiter aborted after the lock was handed to it, before it woke up, still rejects and passes its wake-up on', points(3, { section: SECTION.givingUp }), async () => {
    const s = scene();
    const controller = new AbortController();
    s.waiter('a', { signal: controller.signal });
    s.waiter('b');
    await clock.settle();
    await s.cond.acquire();
    s.cond.notify(1);
    s.cond.release(); // hands the lock to a, which has not woken up yet
    controller.abort('a gives up');
    await clock.settle();
    expectList(s.log, ["a rejected with 'a gives up'", 'b woke'], 'what the waiters saw, in order');
    expect(s.cond.locked(), 'locked() at the end').toBe(false);
  });

  test('an aborted notified waiter with nobody left in the line passes nothing on', points(2, { section: SECTION.givingUp }), async () => {
    const s = scene();
    const controller = new AbortController();
    s.waiter('a', { signal: controller.signal });
    await clock.settle();
    await s.cond.acquire();
    s.cond.notify(1);
    controller.abort('a gives up');
    s.cond.release();
    await clock.settle();
    const late = s.waiter('late');
    await clock.advance(100);
    expectList(s.log, ["a rejected with 'a gives up'"], 'what the waiters saw');
    expectPending(late, 'a wait() that started after the abort');
  });

  test('producer and consumers: an item announced to a consumer that gives up goes to another one', points(3, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    const items: string[] = [];
    const took: string[] = [];
    const controllers = [new AbortController(), new AbortController()];
    const consumers = ['c0', 'c1'].map((name, i) =>
      track(
        cond.runExclusive(async () => {
          await cond.waitFor(() => items.length > 0, { signal: controllers[i]!.signal });
          took.push(`${name} took ${items.shift()}`);
        }),
      ),
    );
    await clock.settle();
    await cond.acquire();
    items.push('job');
    cond.notify(1);
    controllers[0]!.abort('c0 gives up');
    cond.release();
    await clock.settle();
    expectList(took, ['c1 took job'], 'who took the item');
    expectRejectedWith(consumers[0]!, 'c0 gives up', 0, 'the consumer that gave up');
    expectResolved(consumers[1]!, 0, 'the other consumer');
    expect(cond.locked(), 'locked() at the end').toBe(false);
  });

  test('once wait has resolved, an abort changes nothing, and no abort listener is left', points(2, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    const controller = new AbortController();
    await cond.acquire();
    const waiting = track(cond.wait({ signal: controller.signal }));
    expect(listeners(controller.signal), 'abort listeners while the wait() waits').toBeGreaterThan(0);
    await holding(cond, () => cond.notify());
    await clock.settle();
    expectResolved(waiting, 0, 'the notified wait()');
    expect(listeners(controller.signal), 'abort listeners left once the wait() resolved').toBe(0);
    controller.abort('too late');
    await clock.settle();
    expect(cond.locked(), 'locked() after a late abort: the waiter still holds the lock').toBe(true);
    const contender = track(cond.acquire());
    await clock.settle();
    expectPending(contender, 'an acquire() by someone else after the late abort');
  });

  test('an aborted wait leaves no abort listener behind', points(1, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    const before = new AbortController();
    const after = new AbortController();
    await cond.acquire();
    const first = track(cond.wait({ signal: before.signal }));
    before.abort('before any notify');
    await clock.settle();
    expectRejectedWith(first, 'before any notify', 0, 'a wait() aborted before any notify');
    expect(listeners(before.signal), 'abort listeners left by it').toBe(0);
    const second = track(cond.wait({ signal: after.signal }));
    await cond.acquire();
    cond.notify();
    cond.release();
    after.abort('after a notify'); // in the same synchronous code as the release
    await clock.settle();
    expectRejectedWith(second, 'after a notify', 0, 'a wait() aborted after a notify');
    expect(listeners(after.signal), 'abort listeners left by it').toBe(0);
  });
});

describe('waitFor', () => {
  test('waitFor on a free lock rejects with a RuntimeError without calling the predicate', points(2, { section: SECTION.differ }), async () => {
    const cond = newCondition();
    let calls = 0;
    const truthy = trackCall(
      () =>
        cond.waitFor(() => {
          calls++;
          return 'yes';
        }),
      'waitFor() on a free lock',
    );
    const falsy = trackCall(
      () =>
        cond.waitFor(() => {
          calls++;
          return false;
        }),
      'waitFor() on a free lock',
    );
    await clock.settle();
    expectRuntimeError(truthy, 'waitFor() with a truthy predicate on a free lock');
    expectRuntimeError(falsy, 'waitFor() with a falsy predicate on a free lock');
    expect(calls, 'predicate calls').toBe(0);
  });

  test('waitFor calls the predicate at once and resolves with its truthy value without waiting', points(2, { section: SECTION.wait }), async () => {
    const cond = newCondition();
    await cond.acquire();
    const value = { ready: true };
    let calls = 0;
    const result = trackCall(
      () =>
        cond.waitFor(() => {
          calls++;
          return value;
        }),
      'waitFor()',
    );
    expect(calls, 'predicate calls as soon as waitFor() returns').toBe(1);
    expect(cond.locked(), 'locked() right after waitFor() with a predicate true at once').toBe(true);
    await clock.settle();
    expectResolved(result, 0, 'waitFor() with a predicate true at once', value);
    const contender = track(cond.acquire());
    await clock.settle();
    expectPending(contender, 'an acquire() by someone else: the caller of waitFor() still holds the lock');
  });

  test('waitFor takes JavaScript’s truthiness: an empty array ends the wait', points(1, { section: SECTION.differ }), async () => {
    const cond = newCondition();
    await cond.acquire();
    const empty: string[] = [];
    const result = track(cond.waitFor(() => empty));
    await clock.settle();
    expectResolved(result, 0, 'waitFor() with a predicate that returns []', empty);
    expect(result.value(), 'the value waitFor() resolved with').toBe(empty);
  });

  test('waitFor keeps waiting while the predicate is falsy: false, 0, \'\', null, undefined, NaN', points(3, { section: SECTION.lostWakeUp }), async () => {
    const cond = newCondition();
    const values: unknown[] = [false, 0, '', null, undefined, Number.NaN, 'ready'];
    let calls = 0;
    await cond.acquire();
    const result = track(cond.waitFor(() => values[calls++]));
    for (let i = 1; i < values.length; i++) {
      await clock.settle();
      expectPending(result, `waitFor() after its predicate returned ${show(values[i - 1])}`);
      await holding(cond, () => cond.notify());
    }
    await clock.settle();
    expectResolved(result, 0, 'waitFor() once its predicate returned \'ready\'', 'ready');
    expect(calls, 'predicate calls').toBe(values.length);
  });

  test('waitFor calls the predicate once per wake-up, holding the lock, and never otherwise', points(3, { section: SECTION.wait }), async () => {
    const s = scene();
    const { cond } = s;
    const checks: string[] = [];
    let ready = false;
    await cond.acquire();
    const result = track(
      cond.waitFor(() => {
        checks.push(cond.locked() ? 'with the lock' : 'WITHOUT the lock');
        s.inside('predicate');
        s.outside();
        return ready;
      }),
    );
    await clock.settle();
    for (let i = 0; i < 2; i++) {
      s.taker(`other ${i}`, 10); // others take and release the lock: no wake-up
      await clock.advance(20);
    }
    await holding(cond, () => cond.notify());
    await clock.settle();
    const t = s.taker('busy', 50);
    await clock.settle();
    void (async () => {
      await cond.acquire(); // behind busy, who holds the lock until 90 ms
      ready = true;
      cond.notifyAll();
      cond.release();
    })();
    await clock.advance(50);
    expectResolved(result, 90, 'waitFor(), once the predicate is true', true);
    expectList(checks, ['with the lock', 'with the lock', 'with the lock'], 'the predicate calls: at once, after each of the two notify calls');
    expect(s.overlaps, 'predicate calls made while someone else held the lock').toEqual([]);
    expect(t.state(), 'the task that held the lock meanwhile').toBe('resolved');
  });

  test('a predicate that throws makes waitFor reject with what it threw, holding the lock', points(2, { section: SECTION.wait }), async () => {
    const cond = newCondition();
    await cond.acquire();
    const boom = { not: 'an Error' };
    const atOnce = trackCall(
      () =>
        cond.waitFor(() => {
          throw boom;
        }),
      'waitFor() with a predicate that throws',
    );
    await clock.settle();
    expectRejectedWith(atOnce, boom, 0, 'waitFor() whose predicate throws at once');
    expect(cond.locked(), 'locked() after that').toBe(true);
    let calls = 0;
    const later = track(
      cond.waitFor(() => {
        calls++;
        if (calls === 2) throw new RangeError('on the second call');
        return false;
      }),
    );
    await holding(cond, () => cond.notify());
    await clock.settle();
    const o = later.outcome();
    expect(o !== 'pending' && 'rejected' in o && o.rejected instanceof RangeError, `waitFor() whose predicate throws after a wake-up should reject with that RangeError, but it ${describeOutcome(o)}`).toBe(true);
    expect(cond.locked(), 'locked() after that: the caller holds the lock').toBe(true);
    cond.release();
    await holding(cond, () => cond.notify());
    await clock.settle();
    expect(calls, 'predicate calls after it threw and another notify came').toBe(2);
  });

  test('an aborted waitFor rejects with the reason, holding the lock, without calling the predicate again', points(2, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    const controller = new AbortController();
    let calls = 0;
    await cond.acquire();
    const result = track(
      cond.waitFor(
        () => {
          calls++;
          return false;
        },
        { signal: controller.signal },
      ),
    );
    await holding(cond, () => cond.notify());
    await clock.settle();
    await cond.acquire();
    controller.abort('no longer needed');
    await clock.advance(10);
    expectPending(result, 'the aborted waitFor() while someone else holds the lock');
    cond.release();
    await clock.settle();
    expectRejectedWith(result, 'no longer needed', 10, 'the aborted waitFor()');
    expect(cond.locked(), 'locked() when the aborted waitFor() rejected').toBe(true);
    expect(calls, 'predicate calls: at once and after one notify').toBe(2);
    expect(listeners(controller.signal), 'abort listeners left on the signal').toBe(0);
  });

  test('a signal already aborted makes waitFor reject only when the predicate is falsy at once', points(2, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    await cond.acquire();
    const contender = track(cond.acquire()); // waits in the lock's queue meanwhile
    const signal = AbortSignal.abort('already');
    const truthy = track(cond.waitFor(() => 42, { signal }));
    const falsy = track(cond.waitFor(() => 0, { signal }));
    expect(cond.locked(), 'locked() right after both calls').toBe(true);
    await clock.settle();
    expectResolved(truthy, 0, 'waitFor() true at once, with an aborted signal', 42);
    expectRejectedWith(falsy, 'already', 0, 'waitFor() false at once, with an aborted signal');
    expectPending(contender, 'an acquire() by someone else: the caller still holds the lock');
  });
});

describe('runExclusive', () => {
  test('runExclusive calls fn once, with no arguments, holding the lock, and releases it afterwards', points(2, { section: SECTION.typescript }), async () => {
    const s = scene();
    const calls: unknown[][] = [];
    s.taker('first', 100);
    await clock.settle();
    const run = trackCall(
      () =>
        s.cond.runExclusive((...args: unknown[]) => {
          calls.push(args);
          s.log.push(`fn ran, locked() = ${s.cond.locked()}`);
          return 'done';
        }),
      'runExclusive()',
    );
    await clock.advance(50);
    expect(calls.length, 'fn calls while someone else holds the lock').toBe(0);
    await clock.advance(50);
    expectResolved(run, 100, 'runExclusive()', 'done');
    expect(calls, 'the arguments of each fn call').toEqual([[]]);
    expectList(s.log, ['first got the lock', 'fn ran, locked() = true'], 'what happened');
    expect(s.cond.locked(), 'locked() once runExclusive() resolved').toBe(false);
  });

  test('runExclusive releases the lock and resolves with what fn returns: a value, a promise, a thenable', points(2, { section: SECTION.typescript }), async () => {
    const cond = newCondition();
    const value = track(cond.runExclusive(() => 0));
    const promised = track(cond.runExclusive(() => sleep(100).then(() => 'late')));
    const thenable = track(
      cond.runExclusive(
        () =>
          ({
            then(resolve: (v: string) => void) {
              setTimeout(() => resolve('thenable'), 50);
            },
          }) as unknown as PromiseLike<string>,
      ),
    );
    await clock.settle();
    expectResolved(value, 0, 'runExclusive(() => 0)', 0);
    await clock.advance(100);
    expectResolved(promised, 100, 'runExclusive() of a promise', 'late');
    expectPending(thenable, 'runExclusive() of a thenable not settled yet');
    expect(cond.locked(), 'locked() while the thenable is pending').toBe(true);
    await clock.advance(50);
    expectResolved(thenable, 150, 'runExclusive() of a thenable', 'thenable');
    expect(cond.locked(), 'locked() at the end').toBe(false);
  });

  test('runExclusive rejects with fn’s very error, thrown or rejected, and releases the lock either way', points(2, { section: SECTION.typescript }), async () => {
    const cond = newCondition();
    const thrownValue = 'a string, thrown';
    const sync = trackCall(
      () =>
        cond.runExclusive(() => {
          throw thrownValue;
        }),
      'runExclusive() of a fn that throws',
    );
    const error = new TypeError('rejected');
    const rejected = track(cond.runExclusive(() => Promise.reject(error)));
    await clock.settle();
    expectRejectedWith(sync, thrownValue, 0, 'runExclusive() of a fn that throws');
    expectRejectedWith(rejected, error, 0, 'runExclusive() of a fn that rejects');
    expect(cond.locked(), 'locked() after both').toBe(false);
  });

  test('runExclusive with an aborted signal rejects with its reason and never calls fn', points(2, { section: SECTION.givingUp }), async () => {
    const cond = newCondition();
    let calls = 0;
    const fn = () => {
      calls++;
    };
    const early = trackCall(() => cond.runExclusive(fn, { signal: AbortSignal.abort('early') }), 'runExclusive() with an aborted signal');
    await clock.settle();
    expectRejectedWith(early, 'early', 0, 'runExclusive() with an already-aborted signal');
    expect(cond.locked(), 'locked() after it').toBe(false);
    await cond.acquire();
    const controller = new AbortController();
    const queued = track(cond.runExclusive(fn, { signal: controller.signal }));
    controller.abort('gave up');
    await clock.settle();
    expectRejectedWith(queued, 'gave up', 0, 'runExclusive() aborted while it waits for the lock');
    cond.release();
    await clock.settle();
    expect(calls, 'fn calls').toBe(0);
    expect(cond.locked(), 'locked() at the end').toBe(false);
  });

  test('runExclusive’s signal is only for taking the lock: aborting it while fn runs changes nothing', points(1), async () => {
    const cond = newCondition();
    const controller = new AbortController();
    const run = track(cond.runExclusive(() => sleep(100).then(() => 'finished'), { signal: controller.signal }));
    await clock.advance(50);
    controller.abort('too late');
    await clock.advance(50);
    expectResolved(run, 100, 'runExclusive() whose signal aborted while fn ran', 'finished');
    expect(cond.locked(), 'locked() at the end').toBe(false);
  });

  test('runExclusive waits in the same queue as acquire', points(1), async () => {
    const s = scene();
    await s.cond.acquire();
    s.taker('acquire 1');
    void s.cond.runExclusive(() => {
      s.log.push('runExclusive');
    });
    s.taker('acquire 2');
    s.cond.release();
    await clock.settle();
    expectList(s.log, ['acquire 1 got the lock', 'runExclusive', 'acquire 2 got the lock'], 'who got the lock, in order');
  });
});

describe('timing', () => {
  test('everything settles at the virtual time of the call that made it possible, without a timer', points(2), async () => {
    const cond = newCondition();
    await cond.acquire();
    const notified = track(cond.wait());
    setTimeout(() => {
      void holding(cond, () => cond.notify());
    }, 250);
    await clock.advance(250);
    expectResolved(notified, 250, 'a wait() notified at 250 ms');
    const controller = new AbortController();
    const aborted = track(cond.wait({ signal: controller.signal }));
    setTimeout(() => controller.abort('at 400'), 150);
    await clock.advance(150);
    expectRejectedWith(aborted, 'at 400', 400, 'a wait() aborted at 400 ms');
    cond.release();
    expect(clock.timersStarted(), 'timers started (two by the spec itself)').toBe(2);
  });

  test('buyers and a supplier: each buyer buys once there is enough, in virtual time', points(2, { section: SECTION.state }), async () => {
    const cond = newCondition();
    let stock = 0;
    const log: string[] = [];
    const buyer = (name: string, wanted: number) =>
      cond.runExclusive(async () => {
        await cond.waitFor(() => stock >= wanted);
        stock -= wanted;
        log.push(`${clock.now()} ms: ${name} bought ${wanted}, ${stock} left`);
      });
    const supplier = async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(1000);
        await cond.runExclusive(() => {
          stock += 2;
          log.push(`${clock.now()} ms: delivery, stock ${stock}`);
          cond.notifyAll();
        });
      }
    };
    const all = track(Promise.all([buyer('a', 3), buyer('b', 1), supplier()]));
    await clock.advance(3000);
    await clock.settle();
    expectList(
      log,
      ['1000 ms: delivery, stock 2', '1000 ms: b bought 1, 1 left', '2000 ms: delivery, stock 3', '2000 ms: a bought 3, 0 left', '3000 ms: delivery, stock 2'],
      'what happened',
    );
    expect(all.state(), 'the buyers and the supplier').toBe('resolved');
  });
});
