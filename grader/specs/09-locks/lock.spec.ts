// Hidden spec of 09-locks/lock: a fair Lock with acquire, release, locked and runExclusive.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
// The class
//  1. Created free; creating it starts nothing (no timer).
//       - a new lock is free, and creating it starts no timer
//  2. At most one holder at a time.
//       - two runExclusive calls never overlap: the second starts when the first ends
//       - under a random schedule of arrivals, works and aborts, fn calls never overlap and follow the queue
//  3. No owner; not re-entrant: an acquire made while held waits, even from the holder.
//       - is not re-entrant: the holder's own second acquire waits for a release
//       - any code may release the lock: the next waiter gets it
//  4. Fair: waiters get the lock in the order of their acquire() calls (FIFO), acquire and
//     runExclusive in one queue.
//       - waiters get the lock in the order of their acquire calls
//       - acquire and runExclusive callers wait in one queue, in call order
//       - under a random schedule of arrivals, works and aborts, fn calls never overlap and follow the queue
//  5. No timers: every hand-over happens in microtasks at the virtual time of its release or abort.
//       - hands the lock to the next waiter at the moment of the release, without a timer
//       - passes the lock on at the moment a handed-to waiter aborts, without a timer
// locked()
//  6. true while held, and while handed to a waiter not yet awake; false when free.
//       - locked() is true while the lock is held and false once it is released with nobody waiting
//       - locked() stays true from a release to the moment the next waiter wakes up
// acquire()
//  7. Free: taken at once, locked() true as soon as acquire() returns; resolves with undefined in a
//     microtask, without a timer.
//       - acquiring a free lock takes it at once: locked() is true as soon as acquire returns
//       - acquire resolves with undefined, at once, without a timer
//       - an abort right after acquire() took a free lock, before its promise resolved, changes nothing
//  8. Held: joins the end of the queue; pending until a release hands it the lock.
//       - an acquire on a held lock stays pending until a release, however long that takes
//  9. Signal already aborted: rejects with signal.reason at once, as it is, without taking the
//     lock or joining the queue, even if the lock is free.
//       - an already-aborted signal rejects at once with its reason, and does not take a free lock
//       - an already-aborted signal does not join the queue of a held lock
//       - an already-aborted signal rejects with its reason as it is: a string, undefined, an object
// 10. Aborts while waiting: leaves the queue then (those behind move up), rejects with the reason
//     at that moment, never holds the lock; the holder still holds it.
//       - a waiter aborted while it waits rejects at that moment and never gets the lock
//       - the waiters behind an aborted one move up, in order
//       - aborting a waiter leaves the lock with its holder
//       - when every waiter has been aborted, a release frees the lock
//       - one signal aborting several waiters takes them all out of the queue
// 11. Aborts after a release handed it the lock, before it woke (same synchronous code, or another
//     listener of the same abort): does not take the lock, rejects with the reason, and the lock goes
//     to the next waiter, or becomes free.
//       - a waiter aborted right after the release that handed it the lock passes it to the next waiter
//       - a waiter aborted right after the release that handed it the lock, with nobody behind it, leaves the lock free
//       - a signal whose abort releases the holder and cancels the waiter leaves the lock free
//       - passes the lock on at the moment a handed-to waiter aborts, without a timer
// 12. Once acquire() has resolved, an abort changes nothing.
//       - aborting the signal after acquire resolved changes nothing: the caller keeps the lock
// 13. Once acquire() has settled, either way, its abort listener is gone.
//       - leaves no abort listener on the signal once acquire has resolved, at once or after waiting
//       - leaves no abort listener once an aborted acquire has rejected, in every way it can be aborted
// release()
// 14. Waiters: the lock goes straight to the first; stays held; its acquire resolves in a microtask
//     at the same virtual time.
//       - hands the lock to the next waiter at the moment of the release, without a timer
//       - locked() stays true from a release to the moment the next waiter wakes up
// 15. No barging: an acquire() after a release() queues behind the waiters already there, even from
//     the releaser in the same synchronous code.
//       - release then acquire at once, by the same code, queues behind the waiters already there
//       - a newcomer that acquires right after a release, before the woken waiter runs, waits its turn
//       - two workers looping over acquire, work, release take turns
// 16. Nobody waits: the lock becomes free.
//       - locked() is true while the lock is held and false once it is released with nobody waiting
// 17. Free: release() throws an Error and changes nothing; releasing twice throws the second time.
//       - release of a free lock throws an Error and leaves the lock as it was
//       - releasing twice throws the second time, and the lock still works after it
// runExclusive()
// 18. Waits as acquire(options) does, in the same queue; if that wait rejects, rejects with the same
//     reason and never calls fn.
//       - acquire and runExclusive callers wait in one queue, in call order
//       - runExclusive with an aborted signal rejects with its reason and never calls fn
// 19. Calls fn once, with no arguments, once it holds the lock (at once when free); never while
//     someone else holds it.
//       - calls fn once, with no arguments, at once when the lock is free
//       - does not call fn while someone else holds the lock
// 20. When fn's result settles: releases first (to the next waiter), then resolves with its value or
//     rejects with its very error; a synchronous throw is released and rejected too.
//       - resolves with what fn returns: a plain value, a promise, a thenable, falsy values
//       - keeps the lock until a thenable returned by fn settles, whichever way, not only a Promise
//       - rejects with fn's very error, even one that is not an Error, and releases the lock
//       - a synchronous throw in fn becomes a rejection, and the lock is released
//       - releases the lock before it settles: by then the next waiter has it
// 21. The signal is only for the wait: aborting it once fn has been called changes nothing.
//       - aborting the signal while fn runs changes nothing: fn keeps the lock until it ends
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { deferred, describeOutcome, expectList, expectPending, loadExercise, points, show, timeline, track, type Tracked, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/09-locks/lock.ts');
type LockInstance = InstanceType<Module['Lock']>;

const ex = loadExercise<Module>('09-locks/lock', ['Lock']);
const clock = useVirtualTime();

const newLock = (): LockInstance => new ex.Lock();

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Fails unless the tracked promise resolved (with `value`, when given) at virtual time `at`. */
function expectResolved(outcome: Tracked<unknown>, at: number, what: string, value: unknown = undefined): void {
  const expected = describeOutcome({ resolved: value, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `${what} should have ${expected}, but it ${actual}`).toBe(expected);
}

/** Fails unless the tracked promise rejected with `reason` itself (Object.is) at virtual time `at`. */
function expectRejected(outcome: Tracked<unknown>, reason: unknown, at: number, what: string): void {
  const result = outcome.outcome();
  const same = result !== 'pending' && 'rejected' in result && Object.is(result.rejected, reason) && result.at === at;
  expect(same, `${what} should have rejected with ${show(reason)} itself at ${at} ms, but it ${describeOutcome(result)}`).toBe(true);
}

function expectLocked(lock: LockInstance, expected: boolean, when: string): void {
  expect(lock.locked(), `locked() ${when} should be ${expected}`).toBe(expected);
}

/** A thenable that is not a Promise, settled after `ms` of virtual time. */
function thenableAfter<T>(ms: number, value: T): PromiseLike<T> {
  const promise = new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
  return { then: (onFulfilled, onRejected) => promise.then(onFulfilled, onRejected) };
}

/** Takes the lock, which must be free, and checks that acquire() resolved at once. */
async function held(lock: LockInstance): Promise<void> {
  const taking = track(lock.acquire());
  await clock.settle();
  expect(taking.state(), `acquire() of a free lock ${describeOutcome(taking.outcome())}: it should have resolved at once`).toBe('resolved');
}

/** Starts an acquire that records the name in `order` once it resolves (and never releases). */
function queue(lock: LockInstance, name: string, order: string[], signal?: AbortSignal): Tracked<void> {
  const acquiring = lock.acquire(signal ? { signal } : {});
  void acquiring.then(
    () => order.push(name),
    () => {},
  );
  return track(acquiring);
}

describe('mutual exclusion', () => {
  test('a new lock is free, and creating it starts no timer', async () => {
    const lock = newLock();
    expectLocked(lock, false, 'of a new lock');
    expect(clock.timersStarted(), 'timers started by new Lock()').toBe(0);
  });

  test('two runExclusive calls never overlap: the second starts when the first ends', points(3, { section: 'a-lock-in-typescript' }), async () => {
    const lock = newLock();
    const work = timeline(clock);
    const job = (label: string, ms: number) => lock.runExclusive(() => work.run(label, () => new Promise<void>((resolve) => setTimeout(resolve, ms))));
    const a = track(job('a', 300));
    const b = track(job('b', 200));
    await clock.advance(600);
    work.expect({ a: [0, 300], b: [300, 500] }, 'b should wait for a to release the lock, and start the moment it does');
    expectResolved(a, 300, 'the first runExclusive');
    expectResolved(b, 500, 'the second runExclusive');
  });

  test('is not re-entrant: the holder’s own second acquire waits for a release', points(1, { section: 'deadlocks' }), async () => {
    const lock = newLock();
    await held(lock);
    const again = track(lock.acquire());
    await clock.advance(10_000);
    expectPending(again, 'a second acquire() while the lock is held');
    lock.release();
    await clock.settle();
    expectResolved(again, 10_000, 'the second acquire(), once the lock was released');
    expectLocked(lock, true, 'once the second acquire() has the lock');
  });

  test('any code may release the lock: the next waiter gets it', async () => {
    const lock = newLock();
    const order: string[] = [];
    await lock.runExclusive(() => {});
    void lock.acquire().then(() => order.push('holder'));
    queue(lock, 'waiter', order);
    await clock.settle();
    const someoneElse = (): void => lock.release();
    someoneElse();
    await clock.settle();
    expectList(order, ['holder', 'waiter'], 'who got the lock, in order,');
  });

  test(
    'under a random schedule of arrivals, works and aborts, fn calls never overlap and follow the queue',
    points(4, { hint: 'Keep one queue of waiters, hand the lock straight to the first on release, and take an aborted waiter out of the queue (or pass the lock on if it had just been handed the lock).', section: 'fair-first-come-first-served' }),
    async () => {
      // A seeded schedule: 24 workers arrive at multiples of 10 ms, work for multiples of 10 ms,
      // and some give up at times ending in 5, so no abort ties with a hand-over.
      let seed = 9;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const workers = Array.from({ length: 24 }, (_, i) => ({
        name: `w${String(i).padStart(2, '0')}`,
        arrives: random(40) * 10,
        works: (1 + random(8)) * 10,
        abortsAt: random(3) === 0 ? random(60) * 10 + 5 : undefined,
      })).sort((x, y) => x.arrives - y.arrives);
      // What a fair lock does with them: in order of arrival, each enters when the lock is free,
      // unless its abort comes first.
      const expected: Record<string, [number, number]> = {};
      const rejectedAt: Record<string, number> = {};
      let freeAt = 0;
      for (const worker of workers) {
        const enters = Math.max(worker.arrives, freeAt);
        if (worker.abortsAt !== undefined && worker.abortsAt < enters) {
          rejectedAt[worker.name] = Math.max(worker.abortsAt, worker.arrives);
          continue;
        }
        expected[worker.name] = [enters, enters + worker.works];
        freeAt = enters + worker.works;
      }

      const lock = newLock();
      const work = timeline(clock);
      let inside = 0;
      const overlaps: string[] = [];
      const outcomes = new Map<string, Tracked<string>>();
      const reasons = new Map<string, Error>();
      for (const worker of workers) {
        setTimeout(() => {
          const controller = new AbortController();
          const reason = new Error(`${worker.name} gave up`);
          reasons.set(worker.name, reason);
          if (worker.abortsAt !== undefined && worker.abortsAt < worker.arrives) controller.abort(reason);
          else if (worker.abortsAt !== undefined) setTimeout(() => controller.abort(reason), worker.abortsAt - worker.arrives);
          const running = lock.runExclusive(
            () =>
              work.run(worker.name, async () => {
                inside++;
                if (inside > 1) overlaps.push(`${worker.name} at ${clock.now()} ms`);
                await new Promise((resolve) => setTimeout(resolve, worker.works));
                inside--;
                return worker.name;
              }),
            { signal: controller.signal },
          );
          outcomes.set(worker.name, track(running));
        }, worker.arrives);
      }
      await clock.advance(5_000);
      expectList(overlaps, [], 'the fn calls that started while another was running');
      work.expect(expected, 'each worker should get the lock in order of arrival, the moment the one before it is done, unless it gave up first');
      for (const worker of workers) {
        const outcome = outcomes.get(worker.name)!;
        if (worker.name in rejectedAt) expectRejected(outcome, reasons.get(worker.name), rejectedAt[worker.name]!, `the runExclusive of ${worker.name}, which gave up`);
        else expectResolved(outcome, expected[worker.name]![1], `the runExclusive of ${worker.name}`, worker.name);
      }
      expectLocked(lock, false, 'once every worker is done');
    },
  );
});

describe('fairness', () => {
  test('waiters get the lock in the order of their acquire calls', points(3, { section: 'fair-first-come-first-served' }), async () => {
    const lock = newLock();
    await held(lock);
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) queue(lock, name, order);
    await clock.settle();
    expectList(order, [], 'the waiters that got a held lock');
    for (let turn = 1; turn <= 5; turn++) {
      lock.release();
      await clock.settle();
      expectList(order, ['a', 'b', 'c', 'd', 'e'].slice(0, turn), `the waiters that got the lock after ${turn} release(s)`);
    }
    expectLocked(lock, true, 'while the last waiter holds the lock');
  });

  test('acquire and runExclusive callers wait in one queue, in call order', points(2), async () => {
    const lock = newLock();
    await held(lock);
    const order: string[] = [];
    queue(lock, 'acquire 1', order);
    void lock.runExclusive(() => {
      order.push('runExclusive 2');
    });
    queue(lock, 'acquire 3', order);
    void lock.runExclusive(() => {
      order.push('runExclusive 4');
    });
    lock.release(); // to acquire 1
    await clock.settle();
    lock.release(); // to runExclusive 2, which releases by itself, to acquire 3
    await clock.settle();
    lock.release(); // to runExclusive 4
    await clock.settle();
    expectList(order, ['acquire 1', 'runExclusive 2', 'acquire 3', 'runExclusive 4'], 'who got the lock, in order,');
    expectLocked(lock, false, 'once runExclusive 4 is done');
  });

  test(
    'release then acquire at once, by the same code, queues behind the waiters already there',
    points(3, { hint: 'On release, hand the lock straight to the first waiter instead of marking it free: a free-looking lock is one anybody can grab.', section: 'fair-first-come-first-served' }),
    async () => {
      const lock = newLock();
      await held(lock);
      const order: string[] = [];
      queue(lock, 'waiter 1', order);
      queue(lock, 'waiter 2', order);
      await clock.settle();
      lock.release();
      const again = queue(lock, 'releaser again', order);
      await clock.settle();
      expectList(order, ['waiter 1'], 'who got the lock after the first release');
      expectPending(again, 'the releaser’s new acquire()');
      lock.release();
      await clock.settle();
      lock.release();
      await clock.settle();
      expectList(order, ['waiter 1', 'waiter 2', 'releaser again'], 'who got the lock, in order,');
    },
  );

  test('a newcomer that acquires right after a release, before the woken waiter runs, waits its turn', points(2, { section: 'fair-first-come-first-served' }), async () => {
    const lock = newLock();
    await held(lock);
    const order: string[] = [];
    const waiter = queue(lock, 'waiter', order);
    lock.release();
    const newcomer = queue(lock, 'newcomer', order);
    expectLocked(lock, true, 'right after a release that handed the lock to a waiter');
    await clock.settle();
    expectResolved(waiter, 0, 'the waiter’s acquire()');
    expectPending(newcomer, 'the newcomer’s acquire()');
    expectList(order, ['waiter'], 'who holds the lock');
  });

  test('two workers looping over acquire, work, release take turns', points(2, { section: 'fair-first-come-first-served' }), async () => {
    const lock = newLock();
    const turns: string[] = [];
    const worker = async (name: string): Promise<void> => {
      for (let round = 0; round < 3; round++) {
        await lock.acquire();
        turns.push(name);
        await Promise.resolve(); // "work" that takes no time
        lock.release();
      }
    };
    const both = track(Promise.all([worker('a'), worker('b')]));
    await clock.settle();
    expect(both.state(), `the two workers ${describeOutcome(both.outcome())}`).toBe('resolved');
    expectList(turns, ['a', 'b', 'a', 'b', 'a', 'b'], 'who had the lock, turn after turn,');
  });
});

describe('locked() and hand-over', () => {
  test('locked() is true while the lock is held and false once it is released with nobody waiting', points(2), async () => {
    const lock = newLock();
    await held(lock);
    expectLocked(lock, true, 'while the lock is held');
    lock.release();
    expectLocked(lock, false, 'right after release() with nobody waiting');
    await held(lock);
    expectLocked(lock, true, 'once it is acquired again');
  });

  test('locked() stays true from a release to the moment the next waiter wakes up', points(2, { section: 'fair-first-come-first-served' }), async () => {
    const lock = newLock();
    await held(lock);
    const waiter = track(lock.acquire());
    lock.release();
    expectLocked(lock, true, 'right after a release that handed the lock to a waiter');
    await clock.settle();
    expectResolved(waiter, 0, 'the waiter’s acquire()');
    expectLocked(lock, true, 'while the waiter holds the lock');
  });

  test('hands the lock to the next waiter at the moment of the release, without a timer', points(2), async () => {
    const lock = newLock();
    const gate = deferred<void>();
    const first = track(lock.runExclusive(() => gate.promise));
    const second = track(lock.acquire());
    await clock.advance(250);
    expectPending(second, 'an acquire() while runExclusive holds the lock');
    gate.resolve();
    await clock.settle();
    expectResolved(first, 250, 'the runExclusive');
    expectResolved(second, 250, 'the waiting acquire()');
    expect(clock.timersStarted(), 'timers started by the lock').toBe(0);
  });
});

describe('acquire', () => {
  test('acquiring a free lock takes it at once: locked() is true as soon as acquire returns', points(2), async () => {
    const lock = newLock();
    void lock.acquire();
    expectLocked(lock, true, 'as soon as acquire() of a free lock returns');
  });

  test('acquire resolves with undefined, at once, without a timer', async () => {
    const lock = newLock();
    const taking = track(lock.acquire());
    await clock.settle();
    expectResolved(taking, 0, 'acquire() of a free lock');
    expect(clock.timersStarted(), 'timers started by acquire()').toBe(0);
  });

  test('an abort right after acquire() took a free lock, before its promise resolved, changes nothing', async () => {
    const lock = newLock();
    const controller = new AbortController();
    const taking = track(lock.acquire({ signal: controller.signal }));
    controller.abort(new Error('too late'));
    const other = track(lock.acquire());
    await clock.settle();
    expectResolved(taking, 0, 'acquire() of a free lock whose signal aborted on the next line');
    expectLocked(lock, true, 'after that abort');
    expectPending(other, 'a second acquire(), while the first caller still holds the lock');
    expect(listeners(controller.signal), 'abort listeners left on the signal').toBe(0);
  });

  test('an acquire on a held lock stays pending until a release, however long that takes', async () => {
    const lock = newLock();
    await held(lock);
    const waiting = track(lock.acquire());
    await clock.advance(60_000);
    expectPending(waiting, 'an acquire() of a lock held for a minute');
    lock.release();
    await clock.settle();
    expectResolved(waiting, 60_000, 'the acquire(), once the lock was released');
  });

  test('aborting the signal after acquire resolved changes nothing: the caller keeps the lock', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    const controller = new AbortController();
    const taking = track(lock.acquire({ signal: controller.signal }));
    await clock.settle();
    expectResolved(taking, 0, 'acquire() of a free lock');
    const other = track(lock.acquire());
    controller.abort(new Error('too late'));
    await clock.settle();
    expectLocked(lock, true, 'after an abort that came once acquire() had resolved');
    expectPending(other, 'a second acquire(), while the first caller still holds the lock');
    lock.release();
    await clock.settle();
    expectResolved(other, 0, 'the second acquire(), once the first caller released');
  });
});

describe('giving up the wait', () => {
  test('an already-aborted signal rejects at once with its reason, and does not take a free lock', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    const reason = new Error('cancelled before it started');
    const taking = track(lock.acquire({ signal: AbortSignal.abort(reason) }));
    expectLocked(lock, false, 'after an acquire() with an already-aborted signal');
    await clock.settle();
    expectRejected(taking, reason, 0, 'acquire() with an already-aborted signal');
    expectLocked(lock, false, 'after an acquire() with an already-aborted signal');
    const next = track(lock.acquire());
    await clock.settle();
    expectResolved(next, 0, 'a plain acquire() after it');
  });

  test('an already-aborted signal does not join the queue of a held lock', async () => {
    const lock = newLock();
    await held(lock);
    const reason = new Error('cancelled before it started');
    const taking = track(lock.acquire({ signal: AbortSignal.abort(reason) }));
    await clock.settle();
    expectRejected(taking, reason, 0, 'acquire() with an already-aborted signal');
    lock.release();
    expectLocked(lock, false, 'after the holder released, with nobody really waiting');
  });

  test('an already-aborted signal rejects with its reason as it is: a string, undefined, an object', async () => {
    for (const reason of ['a string', undefined, { code: 42 }, 0]) {
      const lock = newLock();
      const controller = new AbortController();
      controller.abort(reason);
      const taking = track(lock.acquire({ signal: controller.signal }));
      await clock.settle();
      expectRejected(taking, controller.signal.reason, 0, `acquire() with a signal aborted with ${show(reason)}`);
      expectLocked(lock, false, `after it`);
    }
  });

  test('a waiter aborted while it waits rejects at that moment and never gets the lock', points(3, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    await held(lock);
    const controller = new AbortController();
    const order: string[] = [];
    const waiter = queue(lock, 'aborted waiter', order, controller.signal);
    setTimeout(() => controller.abort('gave up'), 300);
    await clock.advance(300);
    expectRejected(waiter, 'gave up', 300, 'the aborted waiter’s acquire()');
    expect(listeners(controller.signal), 'abort listeners left on the waiter’s signal').toBe(0);
    lock.release();
    await clock.settle();
    expectList(order, [], 'who got the lock after the release');
    expectLocked(lock, false, 'after the release, with nobody left waiting');
  });

  test('the waiters behind an aborted one move up, in order', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    await held(lock);
    const order: string[] = [];
    const controller = new AbortController();
    queue(lock, 'a', order);
    queue(lock, 'b', order, controller.signal);
    queue(lock, 'c', order);
    queue(lock, 'd', order);
    controller.abort();
    await clock.settle();
    expectList(order, [], 'who got the lock when b gave up, while the holder still held it');
    for (let i = 0; i < 3; i++) {
      lock.release();
      await clock.settle();
    }
    expectList(order, ['a', 'c', 'd'], 'who got the lock, in order, once b had given up');
  });

  test('aborting a waiter leaves the lock with its holder', async () => {
    const lock = newLock();
    await held(lock);
    const controller = new AbortController();
    const waiter = track(lock.acquire({ signal: controller.signal }));
    const after = track(lock.acquire());
    controller.abort();
    await clock.settle();
    expect(waiter.state(), 'the aborted waiter’s acquire()').toBe('rejected');
    expectLocked(lock, true, 'while the holder still holds it, after a waiter gave up');
    expectPending(after, 'the acquire() queued behind the aborted one');
    lock.release();
    await clock.settle();
    expectResolved(after, 0, 'the acquire() queued behind the aborted one, once the holder released');
  });

  test('when every waiter has been aborted, a release frees the lock', async () => {
    const lock = newLock();
    await held(lock);
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const waiters = controllers.map((controller) => track(lock.acquire({ signal: controller.signal })));
    for (const controller of controllers.reverse()) controller.abort();
    await clock.settle();
    for (const waiter of waiters) expect(waiter.state(), 'each aborted waiter').toBe('rejected');
    lock.release();
    expectLocked(lock, false, 'after the release, with every waiter gone');
    const fresh = track(lock.acquire());
    await clock.settle();
    expectResolved(fresh, 0, 'a new acquire()');
  });

  test('one signal aborting several waiters takes them all out of the queue', async () => {
    const lock = newLock();
    await held(lock);
    const controller = new AbortController();
    const order: string[] = [];
    queue(lock, 'a', order, controller.signal);
    queue(lock, 'b', order);
    queue(lock, 'c', order, controller.signal);
    queue(lock, 'd', order, controller.signal);
    queue(lock, 'e', order);
    controller.abort();
    expect(listeners(controller.signal), 'abort listeners left on the shared signal').toBe(0);
    await clock.settle();
    expectList(order, [], 'who got the lock when a, c and d gave up, while the holder still held it');
    for (let i = 0; i < 2; i++) {
      lock.release();
      await clock.settle();
    }
    expectList(order, ['b', 'e'], 'who got the lock, in order');
    lock.release();
    expectLocked(lock, false, 'once b and e are done');
  });

  test(
    'a waiter aborted right after the release that handed it the lock passes it to the next waiter',
    points(3, { hint: 'A waiter handed the lock only takes it when it wakes up, in a later microtask. Check its signal then (or in its abort listener): if it has aborted, pass the lock on instead of keeping it.', section: 'giving-up-the-wait' }),
    async () => {
      const lock = newLock();
      await held(lock);
      const controller = new AbortController();
      const order: string[] = [];
      const first = queue(lock, 'first', order, controller.signal);
      const second = queue(lock, 'second', order);
      const third = queue(lock, 'third', order);
      lock.release();
      controller.abort('aborted after the release');
      await clock.settle();
      expectRejected(first, 'aborted after the release', 0, 'the acquire() aborted right after the release that handed it the lock');
      expectResolved(second, 0, 'the next acquire() in the queue');
      expectPending(third, 'the acquire() after that');
      expectList(order, ['second'], 'who got the lock');
      expectLocked(lock, true, 'while the second waiter holds it');
    },
  );

  test('a waiter aborted right after the release that handed it the lock, with nobody behind it, leaves the lock free', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    await held(lock);
    const controller = new AbortController();
    const only = track(lock.acquire({ signal: controller.signal }));
    lock.release();
    controller.abort('aborted after the release');
    await clock.settle();
    expectRejected(only, 'aborted after the release', 0, 'the only waiter’s acquire()');
    expectLocked(lock, false, 'once the only waiter gave the lock up');
    expect(listeners(controller.signal), 'abort listeners left on its signal').toBe(0);
    const fresh = track(lock.acquire());
    await clock.settle();
    expectResolved(fresh, 0, 'a new acquire() of the lock nobody holds');
  });

  test('a signal whose abort releases the holder and cancels the waiter leaves the lock free', async () => {
    const lock = newLock();
    const shutdown = new AbortController();
    await held(lock);
    shutdown.signal.addEventListener('abort', () => lock.release(), { once: true }); // the holder stops
    const waiter = track(lock.acquire({ signal: shutdown.signal }));
    shutdown.abort('shutting down');
    await clock.settle();
    expectRejected(waiter, 'shutting down', 0, 'the waiter’s acquire()');
    expectLocked(lock, false, 'once the holder released and the waiter gave up, both on the same abort');
  });

  test('passes the lock on at the moment a handed-to waiter aborts, without a timer', async () => {
    const lock = newLock();
    await held(lock);
    const controller = new AbortController();
    track(lock.acquire({ signal: controller.signal }));
    const next = track(lock.acquire());
    await clock.advance(400);
    lock.release();
    controller.abort();
    await clock.settle();
    expectResolved(next, 400, 'the acquire() after the aborted one');
    expect(clock.timersStarted(), 'timers started by the lock').toBe(0);
  });

  test('leaves no abort listener on the signal once acquire has resolved, at once or after waiting', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    const signal = new AbortController().signal;
    await lock.acquire({ signal });
    expect(listeners(signal), 'abort listeners after acquire() of a free lock resolved').toBe(0);
    const waiting = track(lock.acquire({ signal }));
    lock.release();
    await clock.settle();
    expect(waiting.state(), 'the waiting acquire() after the release').toBe('resolved');
    expect(listeners(signal), 'abort listeners after a waiting acquire() resolved').toBe(0);
    for (let i = 0; i < 20; i++) {
      lock.release();
      await lock.runExclusive(() => {}, { signal });
      await lock.acquire({ signal });
    }
    expect(listeners(signal), 'abort listeners after 40 more acquires with one long-lived signal').toBe(0);
  });

  test('leaves no abort listener once an aborted acquire has rejected, in every way it can be aborted', async () => {
    const lock = newLock();
    await held(lock);
    const waiting = new AbortController();
    const handed = new AbortController();
    const a = track(lock.acquire({ signal: waiting.signal }));
    waiting.abort();
    const b = track(lock.acquire({ signal: handed.signal }));
    lock.release();
    handed.abort();
    await clock.settle();
    expect([a.state(), b.state()], 'the two aborted acquires').toEqual(['rejected', 'rejected']);
    expect(listeners(waiting.signal) + listeners(handed.signal), 'abort listeners left on their signals').toBe(0);
  });
});

describe('release', () => {
  test('release of a free lock throws an Error and leaves the lock as it was', points(2, { section: 'a-lock-in-typescript' }), async () => {
    const lock = newLock();
    let thrown: unknown;
    try {
      lock.release();
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof Error, `release() of a new lock should throw an Error, but it ${thrown === undefined ? 'did not throw' : `threw ${show(thrown)}`}`).toBe(true);
    expectLocked(lock, false, 'after the failed release()');
    const first = track(lock.acquire());
    const second = track(lock.acquire());
    await clock.settle();
    expectResolved(first, 0, 'the first acquire() after it');
    expectPending(second, 'a second acquire() while the first holds the lock');
  });

  test('releasing twice throws the second time, and the lock still works after it', points(2), async () => {
    const lock = newLock();
    await held(lock);
    lock.release();
    expect(() => lock.release(), 'the second release() in a row should throw').toThrow(Error);
    const first = track(lock.acquire());
    const second = track(lock.acquire());
    await clock.settle();
    expectResolved(first, 0, 'an acquire() after the double release');
    expectPending(second, 'a second acquire() while the first holds the lock');
    lock.release();
    await clock.settle();
    expectResolved(second, 0, 'the second acquire(), after one release');
    lock.release();
    expect(() => lock.release(), 'a release() of the freed lock should throw again').toThrow(Error);
  });
});

describe('runExclusive', () => {
  test('calls fn once, with no arguments, at once when the lock is free', points(2), async () => {
    const lock = newLock();
    const calls: unknown[][] = [];
    const running = track(
      lock.runExclusive((...args: unknown[]) => {
        calls.push(args);
        return 'done';
      }),
    );
    await clock.settle();
    expect(calls, 'the calls of fn, with their arguments').toEqual([[]]);
    expectResolved(running, 0, 'runExclusive of a free lock', 'done');
    expectLocked(lock, false, 'once runExclusive has settled');
  });

  test('does not call fn while someone else holds the lock', points(2), async () => {
    const lock = newLock();
    await held(lock);
    let called = 0;
    const running = track(lock.runExclusive(() => ++called));
    await clock.advance(1000);
    expect(called, 'calls of fn while another holds the lock').toBe(0);
    lock.release();
    await clock.settle();
    expect(called, 'calls of fn once the lock was released').toBe(1);
    expectResolved(running, 1000, 'runExclusive', 1);
  });

  test('resolves with what fn returns: a plain value, a promise, a thenable, falsy values', points(2), async () => {
    const lock = newLock();
    const values: unknown[] = [42, undefined, 0, '', null, false];
    const plain = values.map((value) => track(lock.runExclusive(() => value)));
    const promised = track(lock.runExclusive(() => new Promise((resolve) => setTimeout(() => resolve('from a promise'), 100))));
    const thenable = track(lock.runExclusive(() => thenableAfter(100, 'from a thenable')));
    await clock.advance(200);
    for (const [i, outcome] of plain.entries()) expectResolved(outcome, 0, `runExclusive of fn returning ${show(values[i])}`, values[i]);
    expectResolved(promised, 100, 'runExclusive of fn returning a promise', 'from a promise');
    expectResolved(thenable, 200, 'runExclusive of fn returning a thenable', 'from a thenable');
    expectLocked(lock, false, 'once every runExclusive has settled');
  });

  test(
    'keeps the lock until a thenable returned by fn settles, whichever way, not only a Promise',
    points(2, { hint: 'Wait for whatever fn returns with `await` (or `Promise.resolve(...)`), which adopts any thenable, not only a Promise, and release after that.', section: 'a-lock-in-typescript' }),
    async () => {
      const lock = newLock();
      const failure = new Error('the thenable rejected');
      const rejecting: PromiseLike<never> = {
        then: (onFulfilled, onRejected) => new Promise<never>((_, reject) => setTimeout(() => reject(failure), 100)).then(onFulfilled, onRejected),
      };
      const resolving = track(lock.runExclusive(() => thenableAfter(300, 'from a thenable')));
      const next = track(lock.runExclusive(() => rejecting));
      const last = track(lock.acquire());
      await clock.advance(299);
      expectLocked(lock, true, 'while the thenable (not a Promise) that fn returned has not settled');
      expectPending(resolving, 'the runExclusive whose fn returned a thenable that settles at 300 ms');
      expectPending(next, 'a runExclusive queued behind a thenable that has not settled');
      await clock.advance(1);
      expectResolved(resolving, 300, 'the runExclusive whose fn returned a thenable', 'from a thenable');
      await clock.advance(99);
      expectPending(last, 'an acquire() queued behind fn returning a thenable that rejects at 400 ms');
      await clock.advance(1);
      expectRejected(next, failure, 400, 'the runExclusive whose fn returned a thenable that rejects');
      expectResolved(last, 400, 'the acquire() queued behind both');
    },
  );

  test('rejects with fn’s very error, even one that is not an Error, and releases the lock', points(3, { section: 'a-lock-in-typescript' }), async () => {
    const lock = newLock();
    const errors: unknown[] = [new RangeError('bad'), 'a string', undefined, { code: 7 }];
    const runs = errors.map((error, i) => track(lock.runExclusive(() => new Promise((_, reject) => setTimeout(() => reject(error), 100)))));
    const after = track(lock.runExclusive(() => 'still works'));
    await clock.advance(400);
    for (const [i, outcome] of runs.entries()) expectRejected(outcome, errors[i], 100 * (i + 1), `runExclusive of fn rejecting with ${show(errors[i])}`);
    expectResolved(after, 400, 'a runExclusive queued behind the failures', 'still works');
    expectLocked(lock, false, 'once everything has settled');
  });

  test('a synchronous throw in fn becomes a rejection, and the lock is released', points(2, { section: 'a-lock-in-typescript' }), async () => {
    const lock = newLock();
    const error = new Error('thrown at once');
    let running: Promise<unknown> | undefined;
    expect(() => {
      running = lock.runExclusive(() => {
        throw error;
      });
    }, 'runExclusive should never throw: a throw in fn becomes a rejection').not.toThrow();
    const outcome = track(running!);
    const next = track(lock.acquire());
    await clock.settle();
    expectRejected(outcome, error, 0, 'runExclusive of fn that throws');
    expectResolved(next, 0, 'the acquire() queued behind it');
  });

  test('releases the lock before it settles: by then the next waiter has it', async () => {
    const lock = newLock();
    const seen: string[] = [];
    const first = lock.runExclusive(() => new Promise((resolve) => setTimeout(resolve, 100)));
    void first.then(() => seen.push(`when runExclusive resolved, locked() = ${lock.locked()}`));
    await clock.advance(100);
    const second = lock.runExclusive(() => Promise.reject(new Error('x')));
    second.catch(() => seen.push(`when runExclusive rejected, locked() = ${lock.locked()}`));
    await clock.settle();
    expectList(seen, ['when runExclusive resolved, locked() = false', 'when runExclusive rejected, locked() = false'], 'what locked() said when each runExclusive settled, with nobody waiting');
    const third = lock.runExclusive(() => 'third');
    const waiter = track(lock.acquire());
    void third.then(() => seen.push(`when the third resolved, locked() = ${lock.locked()}`));
    await clock.settle();
    expect(seen.at(-1), 'with a waiter behind it, the lock should have gone to the waiter').toBe('when the third resolved, locked() = true');
    expectResolved(waiter, 100, 'the waiter behind the third runExclusive');
  });

  test('runExclusive with an aborted signal rejects with its reason and never calls fn', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    let called = 0;
    const before = track(lock.runExclusive(() => ++called, { signal: AbortSignal.abort('already') }));
    await held(lock);
    const controller = new AbortController();
    const waiting = track(lock.runExclusive(() => ++called, { signal: controller.signal }));
    setTimeout(() => controller.abort('while waiting'), 50);
    await clock.advance(50);
    lock.release();
    await clock.settle();
    expectRejected(before, 'already', 0, 'runExclusive with an already-aborted signal');
    expectRejected(waiting, 'while waiting', 50, 'runExclusive aborted while it waits');
    expect(called, 'calls of fn').toBe(0);
    expectLocked(lock, false, 'after the holder released, with nobody waiting');
  });

  test('aborting the signal while fn runs changes nothing: fn keeps the lock until it ends', points(2, { section: 'giving-up-the-wait' }), async () => {
    const lock = newLock();
    const controller = new AbortController();
    const running = track(lock.runExclusive(() => new Promise((resolve) => setTimeout(() => resolve('finished'), 200)), { signal: controller.signal }));
    const next = track(lock.acquire());
    setTimeout(() => controller.abort('too late'), 100);
    await clock.advance(199);
    expectPending(next, 'an acquire() while fn still runs, after its signal aborted');
    expectLocked(lock, true, 'while fn runs');
    await clock.advance(1);
    expectResolved(running, 200, 'the runExclusive whose signal aborted while fn ran', 'finished');
    expectResolved(next, 200, 'the acquire() after it');
  });
});
