// Hidden spec of Semaphore and BoundedSemaphore.
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. new Semaphore(value = 1): value free permits; a whole number, 0 or more; anything else
//     (-1, 1.5, NaN, Infinity, a string) throws a RangeError. 0 starts locked.
//       - starts with one permit by default, and with the number it is given
//       - refuses a size that is not a whole number of 0 or more, with a RangeError
//       - a semaphore of 0 starts locked and lets a waiter through only after a release
//  2. value = free permits, waiting = calls in the queue, locked() = an acquire now would wait; a
//     permit handed to a waiter is not free.
//       - starts with one permit by default, and with the number it is given
//       - release hands the permit straight to the first waiter: value stays 0, waiting drops at once
//       - locked() says whether an acquire made now would have to wait
//  3. acquire never throws; with a free permit and nobody waiting it takes it during the call and
//     resolves with undefined; the caller then holds it whatever its signal does later.
//       - takes a free permit during the call and resolves with undefined
//       - a permit taken at once is kept even if the signal aborts right after
//       - an abort after acquire has resolved changes nothing: the caller keeps its permit
//       - never lets more than value holders in at once (timeline)
//  4. Otherwise it joins the end of the queue during the call and resolves when release hands it
//     a permit.
//       - queues during the call when no permit is free, and resolves when a release comes
//       - a semaphore of 0 starts locked and lets a waiter through only after a release
//  5. release, synchronously: hands the permit to the first waiter (value unchanged, waiting - 1),
//     FIFO; otherwise value + 1.
//       - serves waiters in the order of their acquire calls
//       - release hands the permit straight to the first waiter: value stays 0, waiting drops at once
//       - two releases in a row let exactly two waiters through, the first two
//  6. No barging: an acquire right after a release queues behind the waiter, even the releaser's.
//       - an acquire made right after a release queues behind the waiter that got the permit
//       - a holder that releases and re-acquires at once goes behind the waiters already there
//  7. A Semaphore may be released more often than acquired: each extra release adds a permit.
//       - a plain Semaphore may be released beyond its initial value, each release adding a permit
//  8. Already-aborted signal: rejects with its reason at once; takes no permit, does not queue.
//       - an already-aborted signal rejects at once with its reason, taking no free permit and not queuing
//       - the abort reason is used as it is, whatever it is
//  9. Abort while waiting: leaves the queue at once (waiting - 1 in the abort itself), rejects
//     with the reason at that moment; the waiters behind it move up.
//       - a waiter whose signal aborts leaves the queue at once and rejects with the reason
//       - an aborted waiter in the middle of the queue lets the others keep their order
//       - one signal aborting several waiters rejects them all and loses no permit
// 10. Abort after release handed the permit, before acquire resolved (same synchronous code): the
//     waiter passes the permit on as release would (next waiter, or value), and rejects; the
//     waiters behind the next one keep waiting in order.
//       - a waiter aborted right after it was handed the permit passes it to the next waiter
//       - a waiter aborted right after it was handed the permit gives it back when nobody else waits
// 11. Its listener is off the signal once acquire has settled; none when it does not wait.
//       - leaves no abort listener behind, whichever way acquire ends
// 12. run(fn, { signal }): acquires as acquire does, calls fn() once with no arguments, releases
//     as soon as fn's outcome (a promise, any thenable, a plain value) has settled or fn threw, settles like fn; fn never called if the
//     acquire rejects.
//       - run holds a permit while fn runs and resolves with fn's value
//       - run releases the permit when fn rejects or throws, and rejects with the same error
//       - run holds the permit until a thenable that fn returns has settled
//       - run accepts a fn that returns a plain value
//       - run with a signal that aborts while waiting never calls fn, and loses no permit
//       - never lets more than value holders in at once (timeline)
// 13. BoundedSemaphore: a Semaphore (same checks, queue, signal), whose release throws a
//     RangeError synchronously and changes nothing when value is the initial value or more;
//     BoundedSemaphore(0) can never be released.
//       - BoundedSemaphore throws a RangeError on a release with every permit free, and changes nothing
//       - BoundedSemaphore(2) accepts as many releases as acquires, and not one more
//       - BoundedSemaphore(0) can never be released
//       - BoundedSemaphore is a Semaphore: same size check, same queue, same abort rules
//       - refuses a size that is not a whole number of 0 or more, with a RangeError
//       - BoundedSemaphore: an abort that passes a permit on is never refused, even beyond the initial value
// 14. BoundedSemaphore: an abort that passes a permit on is not a release() call: never checked,
//     never throws, so value may end above the initial value; the next release then throws.
//       - BoundedSemaphore: an abort that passes a permit on is never refused, even beyond the initial value
//       - a waiter aborted right after it was handed the permit gives it back when nobody else waits
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import {
  captureUncaughtExceptions,
  describeOutcome,
  expectList,
  inOrder,
  loadExercise,
  points,
  realTick,
  show,
  timeline,
  track,
  useVirtualTime,
  type Tracked,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/10-semaphores/semaphore.ts');

const ex = loadExercise<Module>('10-semaphores/semaphore', ['Semaphore', 'BoundedSemaphore']);
const clock = useVirtualTime();
const uncaught = captureUncaughtExceptions();

const COUNTER = { section: 'a-semaphore-is-a-counter-with-a-queue' } as const;
const THROTTLE = { section: 'throttling-at-most-n-at-a-time' } as const;
const FAIR = {
  hint: 'Hand a released permit straight to the first waiter, inside release() itself, instead of adding it to the count and letting the waiter take it later: in between, anyone could grab it.',
  section: 'fair-first-come-first-served-and-no-barging',
} as const;
const ABORT = {
  hint: 'On abort, take the waiter out of the queue and reject with signal.reason; the permit count does not change, since the waiter never had one.',
  section: 'giving-up-the-wait-an-abortsignal',
} as const;
const HANDED = {
  hint: 'After the wait, check the signal once more before acquire resolves: if it aborted after the permit was handed over, pass the permit on as release() would, then reject.',
  section: 'giving-up-the-wait-an-abortsignal',
} as const;
const BOUNDED = {
  hint: 'Remember the initial value; release() throws when value is already at it (or above), before it changes anything.',
  section: 'boundedsemaphore-catching-a-release-too-many',
} as const;
const VALIDATION = {
  hint: 'Number.isInteger(value) is false for 1.5, NaN, Infinity and anything that is not a number.',
  section: 'a-semaphore-is-a-counter-with-a-queue',
} as const;

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** The counters of a semaphore, in words, for failure messages. */
function counters(sem: { value: number; waiting: number }): string {
  return `value ${show(sem.value)}, waiting ${show(sem.waiting)}`;
}

function expectCounters(sem: { value: number; waiting: number }, value: number, waiting: number, when: string): void {
  expect(`value ${show(sem.value)}, waiting ${show(sem.waiting)}`, `${when}: the semaphore should have value ${value}, waiting ${waiting}, but it has ${counters(sem)}`).toBe(
    `value ${value}, waiting ${waiting}`,
  );
}

/** Calls acquire and tracks it, so a test can look at its state at any moment. */
function acquire(sem: InstanceType<Module['Semaphore']>, signal?: AbortSignal): Tracked<void> {
  return track(sem.acquire(signal === undefined ? {} : { signal }));
}

/** The states of several tracked acquires, named, on one line: `a resolved, b pending`. */
function states(named: Record<string, Tracked<unknown>>): string {
  return Object.entries(named)
    .map(([name, tracked]) => `${name} ${tracked.state()}`)
    .join(', ');
}

describe('counting permits', () => {
  test('starts with one permit by default, and with the number it is given', points(1, COUNTER), () => {
    const one = new ex.Semaphore();
    expectCounters(one, 1, 0, 'new Semaphore()');
    expect(one.locked(), 'new Semaphore() has a free permit: locked() should be false').toBe(false);
    const three = new ex.Semaphore(3);
    expectCounters(three, 3, 0, 'new Semaphore(3)');
    const zero = new ex.Semaphore(0);
    expectCounters(zero, 0, 0, 'new Semaphore(0)');
  });

  test('refuses a size that is not a whole number of 0 or more, with a RangeError', points(2, VALIDATION), () => {
    for (const Class of [ex.Semaphore, ex.BoundedSemaphore]) {
      for (const value of [-1, -5, 1.5, 0.1, Number.NaN, Infinity, -Infinity, '2' as unknown as number]) {
        let thrown: unknown = 'nothing';
        try {
          new Class(value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown instanceof RangeError, `new ${Class.name}(${show(value)}) should throw a RangeError, but it threw ${show(thrown)}`).toBe(true);
      }
      for (const value of [0, 1, 7]) {
        expect(() => new Class(value), `new ${Class.name}(${value}) is a valid size and should not throw`).not.toThrow();
      }
    }
  });

  test('takes a free permit during the call and resolves with undefined', points(2, COUNTER), async () => {
    const sem = new ex.Semaphore(2);
    const first = acquire(sem);
    expectCounters(sem, 1, 0, 'right after the first acquire() returned');
    const second = acquire(sem);
    expectCounters(sem, 0, 0, 'right after the second acquire() returned');
    await clock.settle();
    expect(first.outcome(), `the first acquire ${describeOutcome(first.outcome())}`).toEqual({ resolved: undefined, at: 0 });
    expect(second.outcome(), `the second acquire ${describeOutcome(second.outcome())}`).toEqual({ resolved: undefined, at: 0 });
  });

  test('queues during the call when no permit is free, and resolves when a release comes', points(2, COUNTER), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const waiter = acquire(sem);
    expectCounters(sem, 0, 1, 'right after an acquire() that has to wait returned');
    await clock.advance(500);
    expect(waiter.state(), 'no permit is free: the waiter should still be pending at 500 ms').toBe('pending');
    sem.release();
    await clock.settle();
    expect(waiter.outcome(), `released at 500 ms: the waiter ${describeOutcome(waiter.outcome())}`).toEqual({ resolved: undefined, at: 500 });
    expectCounters(sem, 0, 0, 'after the waiter got the permit');
  });

  test('locked() says whether an acquire made now would have to wait', points(1, COUNTER), async () => {
    const sem = new ex.Semaphore(2);
    const seen: boolean[] = [sem.locked()];
    acquire(sem);
    seen.push(sem.locked());
    acquire(sem);
    seen.push(sem.locked());
    acquire(sem);
    seen.push(sem.locked());
    sem.release(); // to the waiter
    seen.push(sem.locked());
    sem.release();
    seen.push(sem.locked());
    expectList(seen, [false, false, true, true, true, false], 'locked() at 2 free, 1 free, 0 free, 0 free with a waiter, 0 free after a hand-over, 1 free');
  });

  test('a semaphore of 0 starts locked and lets a waiter through only after a release', points(1, COUNTER), async () => {
    const sem = new ex.Semaphore(0);
    expect(sem.locked(), 'new Semaphore(0) has no free permit: locked() should be true').toBe(true);
    const waiter = acquire(sem);
    await clock.advance(1000);
    expect(waiter.state(), 'a semaphore of 0: acquire should wait until someone releases').toBe('pending');
    sem.release();
    await clock.settle();
    expect(waiter.state(), 'after one release, the waiter should have its permit').toBe('resolved');
  });

  test('a plain Semaphore may be released beyond its initial value, each release adding a permit', points(1, COUNTER), async () => {
    const sem = new ex.Semaphore(1);
    expect(() => {
      sem.release();
      sem.release();
    }, 'a plain Semaphore never refuses a release').not.toThrow();
    expectCounters(sem, 3, 0, 'new Semaphore(1) released twice');
    const three = [acquire(sem), acquire(sem), acquire(sem)];
    const fourth = acquire(sem);
    await clock.settle();
    expect(states({ first: three[0]!, second: three[1]!, third: three[2]!, fourth }), 'three permits: three acquires go through at once, the fourth waits').toBe(
      'first resolved, second resolved, third resolved, fourth pending',
    );
  });

  test('never lets more than value holders in at once', points(3, { ...THROTTLE, hint: 'Count the permits: acquire takes one or waits, release gives one back; nobody gets in while the count is 0.' }), async () => {
    const sem = new ex.Semaphore(2);
    const work = timeline(clock);
    let inside = 0;
    let most = 0;
    const job = (label: string, ms: number) =>
      sem.run(() =>
        work.run(label, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, ms));
          inside--;
        }),
      );
    const all = track(Promise.all([job('a', 300), job('b', 100), job('c', 200), job('d', 100), job('e', 100)]));
    await clock.advance(500);
    work.expect(
      { a: [0, 300], b: [0, 100], c: [100, 300], d: [300, 400], e: [300, 400] },
      'a semaphore of 2: a and b start at once, c when b ends, d and e when a and c end',
    );
    expect(most, `at most 2 jobs should hold a permit at once, but ${most} did`).toBe(2);
    expect(all.state(), 'every job should be done at 400 ms').toBe('resolved');
    expectCounters(sem, 2, 0, 'once every job is done');
  });
});

describe('fairness', () => {
  test('serves waiters in the order of their acquire calls', points(3, FAIR), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) void sem.acquire().then(() => order.push(name));
    for (let i = 0; i < 5; i++) {
      await clock.advance(100);
      sem.release();
    }
    await clock.settle();
    expect(inOrder(order), 'the waiters should get the permit in the order of their acquire() calls').toBe('a → b → c → d → e');
  });

  test('release hands the permit straight to the first waiter: value stays 0, waiting drops at once', points(2, FAIR), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const a = acquire(sem);
    const b = acquire(sem);
    sem.release();
    expectCounters(sem, 0, 1, 'right after a release() with two waiters (the permit is the first waiter’s now)');
    expect(sem.locked(), 'the released permit belongs to the first waiter: locked() should stay true').toBe(true);
    await clock.settle();
    expect(states({ a, b }), 'one release: the first waiter gets the permit, the second keeps waiting').toBe('a resolved, b pending');
  });

  test('two releases in a row let exactly two waiters through, the first two', points(1, FAIR), async () => {
    const sem = new ex.Semaphore(0);
    const a = acquire(sem);
    const b = acquire(sem);
    const c = acquire(sem);
    sem.release();
    sem.release();
    expectCounters(sem, 0, 1, 'right after two releases with three waiters');
    await clock.settle();
    expect(states({ a, b, c }), 'two releases in a row: the first two waiters get through').toBe('a resolved, b resolved, c pending');
  });

  test('an acquire made right after a release queues behind the waiter that got the permit', points(3, FAIR), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const waiter = acquire(sem);
    sem.release();
    const latecomer = acquire(sem);
    expectCounters(sem, 0, 1, 'an acquire() right after the release() that handed the permit on');
    await clock.settle();
    expect(states({ waiter, latecomer }), 'the permit was the waiter’s: the latecomer must not barge in').toBe('waiter resolved, latecomer pending');
    sem.release();
    await clock.settle();
    expect(latecomer.state(), 'the next release should go to the latecomer').toBe('resolved');
  });

  test('a holder that releases and re-acquires at once goes behind the waiters already there', points(2, FAIR), async () => {
    // asyncio's test_acquire_fifo_order_2: c2 releases and acquires again; c3 goes first.
    const sem = new ex.Semaphore(1);
    const order: string[] = [];
    const first = async () => {
      await sem.acquire();
      order.push('c1');
    };
    const second = async () => {
      await sem.acquire();
      order.push('c2');
      sem.release();
      await sem.acquire();
      order.push('c2 again');
    };
    const third = async () => {
      await sem.acquire();
      order.push('c3');
    };
    await sem.acquire();
    const all = track(Promise.all([first(), second(), third()]));
    sem.release();
    await clock.settle();
    sem.release();
    await clock.settle();
    sem.release();
    await clock.settle();
    expect(inOrder(order), 'c2 released and asked again at once: it must queue behind c3').toBe('c1 → c2 → c3 → c2 again');
    expect(all.state(), 'every coroutine should have its permit by now').toBe('resolved');
  });
});

describe('giving up with a signal', () => {
  test('an already-aborted signal rejects at once with its reason, taking no free permit and not queuing', points(2, ABORT), async () => {
    const reason = new Error('cancelled before the start');
    const sem = new ex.Semaphore(1);
    let returned: Promise<void> | undefined;
    expect(() => {
      returned = sem.acquire({ signal: AbortSignal.abort(reason) });
    }, 'acquire never throws: an aborted signal is a rejection').not.toThrow();
    const free = track(returned!);
    expectCounters(sem, 1, 0, 'an acquire with an already-aborted signal (a permit was free)');
    const full = new ex.Semaphore(0);
    const signal = AbortSignal.abort(reason);
    const queued = acquire(full, signal);
    expectCounters(full, 0, 0, 'an acquire with an already-aborted signal (no permit free)');
    expect(listeners(signal), 'abort listeners added to an already-aborted signal').toBe(0);
    await clock.settle();
    expect(free.outcome(), `with a free permit, acquire ${describeOutcome(free.outcome())}`).toEqual({ rejected: reason, at: 0 });
    expect(queued.outcome(), `with no free permit, acquire ${describeOutcome(queued.outcome())}`).toEqual({ rejected: reason, at: 0 });
  });

  test('a waiter whose signal aborts leaves the queue at once and rejects with the reason', points(3, ABORT), async () => {
    const sem = new ex.Semaphore(0);
    const controller = new AbortController();
    const reason = new Error('changed my mind');
    const waiter = acquire(sem, controller.signal);
    await clock.advance(300);
    controller.abort(reason);
    expectCounters(sem, 0, 0, 'in the abort itself');
    await clock.settle();
    expect(waiter.outcome(), `aborted at 300 ms: acquire ${describeOutcome(waiter.outcome())}`).toEqual({ rejected: reason, at: 300 });
    sem.release();
    expectCounters(sem, 1, 0, 'a release after the only waiter gave up');
  });

  test('an aborted waiter in the middle of the queue lets the others keep their order', points(2, ABORT), async () => {
    const sem = new ex.Semaphore(0);
    const controller = new AbortController();
    const order: string[] = [];
    const a = track(sem.acquire().then(() => order.push('a')));
    const b = acquire(sem, controller.signal);
    const c = track(sem.acquire().then(() => order.push('c')));
    controller.abort();
    expectCounters(sem, 0, 2, 'after the middle waiter aborted');
    sem.release();
    await clock.settle();
    expect(states({ a, b, c }), 'one release after b gave up: a gets it').toBe('a resolved, b rejected, c pending');
    sem.release();
    await clock.settle();
    expect(inOrder(order), 'a then c should get the permits').toBe('a → c');
    expectCounters(sem, 0, 0, 'after two releases for a and c');
  });

  test('one signal aborting several waiters rejects them all and loses no permit', points(1, ABORT), async () => {
    const sem = new ex.Semaphore(0);
    const controller = new AbortController();
    const reason = 'shutting down';
    const waiters = [acquire(sem, controller.signal), acquire(sem, controller.signal), acquire(sem, controller.signal)];
    controller.abort(reason);
    await clock.settle();
    for (const [i, waiter] of waiters.entries()) {
      expect(waiter.outcome(), `waiter ${i + 1} ${describeOutcome(waiter.outcome())}`).toEqual({ rejected: reason, at: 0 });
    }
    expectCounters(sem, 0, 0, 'after all three waiters gave up');
    sem.release();
    sem.release();
    expectCounters(sem, 2, 0, 'two releases after that');
  });

  test('the abort reason is used as it is, whatever it is', points(1, ABORT), async () => {
    for (const reason of ['stop', null, 0, { code: 7 }]) {
      const already = acquire(new ex.Semaphore(1), AbortSignal.abort(reason));
      const sem = new ex.Semaphore(0);
      const controller = new AbortController();
      const waiting = acquire(sem, controller.signal);
      controller.abort(reason);
      await clock.settle();
      expect(already.state() === 'rejected' && already.value() === reason, `AbortSignal.abort(${show(reason)}): acquire ${describeOutcome(already.outcome())}`).toBe(true);
      expect(waiting.state() === 'rejected' && waiting.value() === reason, `abort(${show(reason)}) while waiting: acquire ${describeOutcome(waiting.outcome())}`).toBe(true);
    }
  });

  test('a waiter aborted right after it was handed the permit passes it to the next waiter', points(3, HANDED), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const controller = new AbortController();
    const reason = new Error('too late');
    const first = acquire(sem, controller.signal);
    const second = acquire(sem);
    const third = acquire(sem);
    await clock.advance(100);
    sem.release(); // hands the permit to first...
    controller.abort(reason); // ...which gives up before its acquire resolves
    await clock.settle();
    expect(first.outcome(), `the first waiter was aborted before its acquire resolved, and ${describeOutcome(first.outcome())}`).toEqual({ rejected: reason, at: 100 });
    expect(second.outcome(), `the permit should pass on to the second waiter, whose acquire ${describeOutcome(second.outcome())}`).toEqual({ resolved: undefined, at: 100 });
    expect(third.state(), 'the third waiter should still be waiting: one permit went to the second').toBe('pending');
    expectCounters(sem, 0, 1, 'after the hand-over went on to the second waiter (the third still in line)');
    await clock.advance(100);
    sem.release();
    await clock.settle();
    expect(third.outcome(), `the next release should go to the third waiter, whose acquire ${describeOutcome(third.outcome())}`).toEqual({ resolved: undefined, at: 200 });
    expectCounters(sem, 0, 0, 'after the third waiter got its permit');
  });

  test('a waiter aborted right after it was handed the permit gives it back when nobody else waits', points(2, HANDED), async () => {
    for (const Class of [ex.Semaphore, ex.BoundedSemaphore]) {
      const sem = new Class(1);
      acquire(sem);
      const controller = new AbortController();
      const waiter = acquire(sem, controller.signal);
      sem.release();
      controller.abort('gone');
      await clock.settle();
      await realTick();
      expect(uncaught.map(show), `${Class.name}: passing the permit on must not throw (a throw in an abort listener is an uncaught exception)`).toEqual([]);
      expect(waiter.outcome(), `${Class.name}: the waiter ${describeOutcome(waiter.outcome())}`).toEqual({ rejected: 'gone', at: 0 });
      expectCounters(sem, 1, 0, `${Class.name}: after the waiter gave the permit back`);
      expect(sem.locked(), `${Class.name}: the permit is free again, so locked() should be false`).toBe(false);
    }
  });

  test('an abort after acquire has resolved changes nothing: the caller keeps its permit', points(2, { ...ABORT, hint: 'Once acquire has resolved, the permit is the caller’s: remove your abort listener when you hand the permit over.' }), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const controller = new AbortController();
    const holder = acquire(sem, controller.signal);
    sem.release();
    await clock.settle();
    expect(holder.state(), 'the waiter should hold the permit after the release').toBe('resolved');
    controller.abort();
    const next = acquire(sem);
    await clock.settle();
    expectCounters(sem, 0, 1, 'after the holder’s signal aborted (the holder keeps its permit)');
    expect(next.state(), 'the holder still has the permit: the next acquire must wait').toBe('pending');
  });

  test('a permit taken at once is kept even if the signal aborts right after', points(1, ABORT), async () => {
    const sem = new ex.Semaphore(1);
    const controller = new AbortController();
    const holder = acquire(sem, controller.signal);
    controller.abort(new Error('right after'));
    await clock.settle();
    expect(holder.outcome(), `the permit was free and taken during the call, so acquire ${describeOutcome(holder.outcome())}`).toEqual({ resolved: undefined, at: 0 });
    expectCounters(sem, 0, 0, 'the holder keeps its permit');
  });

  test('leaves no abort listener behind, whichever way acquire ends', points(2, { ...ABORT, hint: 'Remove your abort listener when the waiter gets its permit ({ once: true } only removes a listener that has run).' }), async () => {
    const sem = new ex.Semaphore(1);
    const signal = new AbortController().signal;
    await sem.acquire({ signal });
    expect(listeners(signal), 'abort listeners left after an acquire that did not wait').toBe(0);
    const waiter = acquire(sem, signal);
    expect(listeners(signal), 'a waiting acquire should listen to its signal').toBeGreaterThan(0);
    sem.release();
    await clock.settle();
    expect(waiter.state(), 'the waiter should have its permit').toBe('resolved');
    expect(listeners(signal), 'abort listeners left after an acquire that waited and got its permit').toBe(0);
    const aborting = new AbortController();
    const gaveUp = acquire(sem, aborting.signal);
    aborting.abort();
    await clock.settle();
    expect(gaveUp.state(), 'the aborted waiter should have rejected').toBe('rejected');
    expect(listeners(aborting.signal), 'abort listeners left after an acquire that was aborted').toBe(0);
  });
});

describe('BoundedSemaphore', () => {
  test('BoundedSemaphore throws a RangeError on a release with every permit free, and changes nothing', points(3, BOUNDED), async () => {
    const sem = new ex.BoundedSemaphore(1);
    await sem.acquire();
    sem.release();
    let thrown: unknown = 'nothing';
    try {
      sem.release();
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof RangeError, `a second release of BoundedSemaphore(1) should throw a RangeError, but it threw ${show(thrown)}`).toBe(true);
    expectCounters(sem, 1, 0, 'after the refused release');
    const a = acquire(sem);
    const b = acquire(sem);
    await clock.settle();
    expect(states({ a, b }), 'still one permit after the refused release').toBe('a resolved, b pending');
  });

  test('BoundedSemaphore(2) accepts as many releases as acquires, and not one more', points(2, BOUNDED), async () => {
    const sem = new ex.BoundedSemaphore(2);
    const fresh = new ex.BoundedSemaphore(2);
    expect(() => fresh.release(), 'a fresh BoundedSemaphore(2) has every permit free: release should throw').toThrow(RangeError);
    await sem.acquire();
    await sem.acquire();
    const waiter = acquire(sem);
    expect(() => sem.release(), 'releasing a held permit to a waiter is fine').not.toThrow();
    await clock.settle();
    expect(waiter.state(), 'the waiter should have the released permit').toBe('resolved');
    expect(() => {
      sem.release();
      sem.release();
    }, 'two more releases for the two permits still held are fine').not.toThrow();
    expectCounters(sem, 2, 0, 'every permit back');
    expect(() => sem.release(), 'a release beyond the initial 2 should throw').toThrow(RangeError);
    expectCounters(sem, 2, 0, 'after the refused release');
  });

  test('BoundedSemaphore(0) can never be released', points(1, BOUNDED), () => {
    const sem = new ex.BoundedSemaphore(0);
    void sem.acquire();
    expect(() => sem.release(), 'BoundedSemaphore(0) has no permit to give back, even with a waiter').toThrow(RangeError);
    expectCounters(sem, 0, 1, 'after the refused release');
  });

  test('BoundedSemaphore: an abort that passes a permit on is never refused, even beyond the initial value', points(2, {
    ...BOUNDED,
    hint: 'Pass a permit on after an abort with the unchecked hand-over that Semaphore.release uses, not with this.release(), which a BoundedSemaphore overrides with its check.',
  }), async () => {
    const sem = new ex.BoundedSemaphore(1);
    acquire(sem);
    const controller = new AbortController();
    const waiter = acquire(sem, controller.signal);
    sem.release(); // the permit is the waiter's now: value 0
    expect(() => sem.release(), 'with value 0 below the initial 1, a release is allowed').not.toThrow();
    expectCounters(sem, 1, 0, 'after the second release');
    controller.abort('gone'); // the waiter passes its permit on, to the count
    await clock.settle();
    await realTick();
    expect(uncaught.map(show), 'passing the permit on must never throw (a throw in an abort listener is an uncaught exception)').toEqual([]);
    expect(waiter.outcome(), `the waiter aborted after the hand-over; its acquire ${describeOutcome(waiter.outcome())}`).toEqual({ rejected: 'gone', at: 0 });
    expectCounters(sem, 2, 0, 'after the abort passed the permit on (no permit lost, even beyond the initial value)');
    expect(() => sem.release(), 'value 2 is more than the initial 1: release should throw a RangeError').toThrow(RangeError);
    expectCounters(sem, 2, 0, 'after the refused release');
  });

  test('BoundedSemaphore is a Semaphore: same size check, same queue, same abort rules', points(1, BOUNDED), async () => {
    const sem = new ex.BoundedSemaphore(1);
    expect(sem instanceof ex.Semaphore, 'a BoundedSemaphore should be an instance of Semaphore').toBe(true);
    acquire(sem);
    const controller = new AbortController();
    const a = acquire(sem, controller.signal);
    const b = acquire(sem);
    const c = acquire(sem);
    controller.abort();
    sem.release();
    await clock.settle();
    expect(states({ a, b, c }), 'a gave up; the release goes to b').toBe('a rejected, b resolved, c pending');
    const fresh = new ex.BoundedSemaphore(1);
    const ran = track(fresh.run(async () => 'ran'));
    await clock.settle();
    expect(ran.outcome(), `run on a BoundedSemaphore ${describeOutcome(ran.outcome())}`).toEqual({ resolved: 'ran', at: 0 });
    expectCounters(fresh, 1, 0, 'a BoundedSemaphore after run');
  });
});

describe('run', () => {
  test('run holds a permit while fn runs and resolves with fn’s value', points(2, { ...THROTTLE, hint: 'run is acquire, then fn, then release in a finally.' }), async () => {
    const sem = new ex.Semaphore(1);
    const calls: unknown[][] = [];
    const ran = track(
      sem.run((...args: unknown[]) => {
        calls.push(args);
        return new Promise<string>((resolve) => setTimeout(() => resolve('done'), 200));
      }),
    );
    await clock.settle();
    expect(calls.length, 'fn should have been called once, at once').toBe(1);
    expect(calls[0]?.length, 'fn should be called with no arguments').toBe(0);
    expectCounters(sem, 0, 0, 'while fn runs');
    await clock.advance(200);
    expect(ran.outcome(), `run ${describeOutcome(ran.outcome())}`).toEqual({ resolved: 'done', at: 200 });
    expectCounters(sem, 1, 0, 'after fn finished');
    expect(calls.length, 'fn should be called exactly once').toBe(1);
  });

  test('run releases the permit when fn rejects or throws, and rejects with the same error', points(2, { ...THROTTLE, hint: 'Release in a finally, so that a throw or a rejection of fn gives the permit back too.' }), async () => {
    const sem = new ex.Semaphore(1);
    const error = new Error('fn failed');
    const rejected = track(sem.run(() => new Promise((_, reject) => setTimeout(() => reject(error), 100))));
    const thrown = track(
      sem.run(() => {
        throw 'thrown at once';
      }),
    );
    await clock.advance(100);
    await clock.settle();
    expect(rejected.outcome(), `fn rejected at 100 ms; run ${describeOutcome(rejected.outcome())}`).toEqual({ rejected: error, at: 100 });
    expect(thrown.outcome(), `fn threw "thrown at once"; run ${describeOutcome(thrown.outcome())}`).toEqual({ rejected: 'thrown at once', at: 100 });
    expectCounters(sem, 1, 0, 'after both failures');
  });

  test('run holds the permit until a thenable that fn returns has settled', points(2, { ...THROTTLE, hint: 'await what fn returns (await works on any thenable), instead of checking for instanceof Promise.' }), async () => {
    const sem = new ex.Semaphore(1);
    const thenable = <T>(settle: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): PromiseLike<T> => ({
      then: (onFulfilled, onRejected) => new Promise<T>(settle).then(onFulfilled, onRejected),
    });
    const error = new Error('the thenable rejected');
    const resolved = track(sem.run(() => thenable<string>((resolve) => setTimeout(() => resolve('from a thenable'), 100))));
    await clock.settle();
    expectCounters(sem, 0, 0, 'while the thenable fn returned is still pending');
    const rejected = track(sem.run(() => thenable<string>((_, reject) => setTimeout(() => reject(error), 100))));
    await clock.advance(100);
    expect(resolved.outcome(), `fn returned a thenable that resolves at 100 ms; run ${describeOutcome(resolved.outcome())}`).toEqual({ resolved: 'from a thenable', at: 100 });
    expectCounters(sem, 0, 0, 'at 100 ms, the second run holds the permit while its thenable is pending');
    await clock.advance(100);
    expect(rejected.outcome(), `fn returned a thenable that rejects 100 ms after it starts; run ${describeOutcome(rejected.outcome())}`).toEqual({ rejected: error, at: 200 });
    expectCounters(sem, 1, 0, 'after both thenables settled');
  });

  test('run accepts a fn that returns a plain value', points(1, THROTTLE), async () => {
    const sem = new ex.Semaphore(1);
    const ran = track(sem.run(() => 42));
    await clock.settle();
    expect(ran.outcome(), `run ${describeOutcome(ran.outcome())}`).toEqual({ resolved: 42, at: 0 });
    expectCounters(sem, 1, 0, 'after fn returned');
  });

  test('run with a signal that aborts while waiting never calls fn, and loses no permit', points(2, ABORT), async () => {
    const sem = new ex.Semaphore(1);
    acquire(sem);
    const controller = new AbortController();
    let calls = 0;
    const ran = track(
      sem.run(
        () => {
          calls++;
          return 'ran';
        },
        { signal: controller.signal },
      ),
    );
    await clock.advance(50);
    controller.abort('no longer needed');
    await clock.settle();
    expect(ran.outcome(), `run ${describeOutcome(ran.outcome())}`).toEqual({ rejected: 'no longer needed', at: 50 });
    expect(calls, 'fn must not be called when the acquire was aborted').toBe(0);
    sem.release();
    expectCounters(sem, 1, 0, 'after the holder released');
    const already = track(sem.run(() => 'ran', { signal: AbortSignal.abort('before') }));
    await clock.settle();
    expect(already.outcome(), `run with an already-aborted signal ${describeOutcome(already.outcome())}`).toEqual({ rejected: 'before', at: 50 });
    expectCounters(sem, 1, 0, 'after run with an already-aborted signal');
  });
});
