// Hidden spec of 11-events-and-queues/queue: a bounded FIFO Queue with backpressure, taskDone/join,
// shutdown (asyncio 3.13) and async iteration.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
// The class
//  1. Getters and putters are each served FIFO; nobody jumps either line.
//       - waiting getters get the items in the order they called get
//       - waiting putters get their items in, in the order they called put
//       - items come out in the order they went in, whichever way they were put
//  2. Getters waiting ⇒ the queue holds nothing; putters waiting ⇒ it holds maxsize.
//       - a put that finds getters waiting hands its item over: size() stays 0
//       - a get that finds putters waiting moves the first one's item in: size() stays maxsize
//  3. Hand-overs happen in the call that makes them possible, synchronously; a call right after
//     cannot take what was handed to someone else.
//       - an item handed to a waiting getter cannot be taken by a getNowait right after
//       - the room a get makes goes to the waiting putter: a putNowait right after throws QueueFull
//  4. Promises settle in microtasks, at the virtual time of the call that settled them; no timers.
//       - put and get settle at the virtual time of the call that lets them through, without a timer
//       - a busy producer and consumer start no timer at all
// constructor, maxsize, size, empty, full
//  5. maxsize: a whole number ≥ 1, or 0 (default) for never full; anything else throws RangeError;
//     creating starts nothing.
//       - a queue with the default maxsize is never full
//       - maxsize must be a whole number, 0 or more: anything else throws a RangeError
//       - a queue of maxsize 1 holds one item
//  6. maxsize, size(), empty(), full() report as they say.
//       - size, empty and full follow the items in the queue
// put
//  7. Shut down: rejects with QueueShutDown, item not added; never throws.
//       - put on a shut-down queue rejects with QueueShutDown, and never throws
//  8. Signal already aborted: rejects with its reason as it is, adds nothing even with room; before
//     the shut-down check.
//       - put with an already-aborted signal rejects with its reason and adds nothing
//       - put with an already-aborted signal rejects with its reason even on a shut-down queue
//  9. Room: adds and resolves with undefined.
//       - put resolves with undefined once the item is in
// 10. Full: waits at the end of the line; resolves when a get moves its item in.
//       - waiting putters get their items in, in the order they called put
//       - a fast producer that awaits put never gets more than maxsize items ahead
// 11. Aborts while waiting: leaves the line then (those behind move up), rejects with the reason, item
//     never added; signal no longer matters once in; listener removed once settled.
//       - an aborted put leaves the line, and its item is never added
//       - aborting a put after its item went in changes nothing
//       - put leaves no abort listener behind, whichever way it settles
// 12. Shut down while waiting: rejects with QueueShutDown at that moment, item never added.
//       - shutdown rejects every waiting put with QueueShutDown, and their items are never added
// 13. Every item put counts as one unfinished task from the moment it is added to the queue or
//     handed to a getter; an item never added never counts.
//       - join waits for an item handed straight to a getter too
//       - an item moved in from a waiting putter counts only once it is in
// putNowait
// 14. Shut down: throws QueueShutDown, even when full.
//       - putNowait on a shut-down queue throws QueueShutDown, even when it is full
// 15. Full: throws QueueFull, adds nothing.
//       - putNowait on a full queue throws QueueFull and adds nothing
// 16. Getters waiting: hands the item to the first; otherwise adds it at the back.
//       - a put that finds getters waiting hands its item over: size() stays 0
// get
// 17. Signal already aborted: rejects with its reason, takes nothing even when an item is there;
//     before the shut-down check.
//       - get with an already-aborted signal rejects with its reason and takes nothing
//       - get with an already-aborted signal rejects with its reason even on a shut-down queue
// 18. Item there: as getNowait; resolves with it (falsy values too).
//       - get resolves with the item as it is: undefined, 0, null and '' are items too
// 19. Empty and shut down: rejects with QueueShutDown.
//       - after shutdown, get drains the items left and then rejects with QueueShutDown
// 20. Empty: waits at the end of the line; resolves with the item the next put hands it.
//       - waiting getters get the items in the order they called get
// 21. Aborts while waiting: leaves the line then, rejects with the reason; no item lost; a getter
//     handed an item resolves with it even if its signal aborts right after; listener removed.
//       - an aborted get leaves the line and loses no item
//       - a get aborted right after an item was handed to it still resolves with it
//       - get leaves no abort listener behind, whichever way it settles
// 22. Shut down while waiting: rejects with QueueShutDown at that moment.
//       - shutdown rejects every waiting get with QueueShutDown at that moment
// getNowait
// 23. Item there (shut down or not): returns it; moves the first waiting putter's item in.
//       - the room a get makes goes to the waiting putter: a putNowait right after throws QueueFull
//       - after shutdown, get drains the items left and then rejects with QueueShutDown
// 24. Empty and shut down: QueueShutDown; empty: QueueEmpty.
//       - getNowait of an empty queue throws QueueEmpty, and QueueShutDown once shut down
// taskDone
// 25. No unfinished task (all counted done by taskDone() or shutdown(true)): throws RangeError,
//     changes nothing.
//       - taskDone called more often than items were put throws a RangeError and changes nothing
//       - shutdown(true) never counts more items done than are unfinished
// 26. The last unfinished task done: every pending join() resolves; works after shutdown.
//       - join waits until every item put has been marked done
//       - taskDone and join work the same on a queue that is shut down
// join
// 27. At once when nothing is unfinished; waits for items put before it, even when an earlier join
//     resolved; a resolved join stays resolved.
//       - join resolves at once when no task is unfinished
//       - join waits until every item put has been marked done
//       - a join called after an earlier one resolved waits for the items put since
// 28. Shutdown does not end a join by itself; shutdown(true) counts discarded items as done.
//       - taskDone and join work the same on a queue that is shut down
//       - shutdown(true) discards the items left and counts them as done
// shutdown
// 29. put/putNowait fail from then on; waiting putters reject; items left can still be taken;
//     waiting getters reject.  (tests of clauses 7, 12, 14, 19, 22)
// 30. immediate: discards every item, each counted as done (never below 0); get rejects at once.
//       - shutdown(true) discards the items left and counts them as done
//       - shutdown(true) never counts more items done than are unfinished
//       - shutdown(true) ends at that moment a join that waited only for the items it discards
// 31. Again: nothing more, except shutdown(true) after shutdown() still discards (counting as done).
//       - shutting down twice changes nothing, but shutdown(true) after shutdown() discards the rest
// async iteration
// 32. Each step takes one item with get(), only when asked; break leaves the rest.
//       - for await takes each item only when the loop asks for it: break leaves the rest
// 33. Ends when the queue is shut down and empty; does not call taskDone.
//       - for await ends once the queue is shut down and empty
//       - for await does not call taskDone
// 34. A new iterator per call; next() calls made together are served in call order.
//       - next() calls made together are served in call order, and each for await gets its own iterator
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { describeOutcome, expectList, expectPending, expectThrows, loadExercise, points, show, thrownBy, track, type Tracked, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/11-events-and-queues/queue.ts');
type QueueInstance<T> = import('@target/11-events-and-queues/queue.ts').Queue<T>;

const ex = loadExercise<Module>('11-events-and-queues/queue', ['Queue', 'QueueEmpty', 'QueueFull', 'QueueShutDown']);
const clock = useVirtualTime();

const newQueue = <T = string>(maxsize?: number): QueueInstance<T> => (maxsize === undefined ? new ex.Queue<T>() : new ex.Queue<T>(maxsize));

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

function expectShutDown(outcome: Tracked<unknown>, at: number, what: string): void {
  const o = outcome.outcome();
  const ok = o !== 'pending' && 'rejected' in o && o.rejected instanceof ex.QueueShutDown && o.rejected instanceof Error && o.at === at;
  expect(ok, `${what} should have rejected with a QueueShutDown at ${at} ms, but it ${describeOutcome(o)}`).toBe(true);
}

/** Takes every item left with getNowait, until it throws. */
function drain<T>(queue: QueueInstance<T>): T[] {
  const items: T[] = [];
  for (let i = 0; i < 100 && queue.size() > 0; i++) items.push(queue.getNowait());
  return items;
}

function expectSize(queue: QueueInstance<unknown>, size: number, when: string): void {
  expect(queue.size(), `size() ${when}`).toBe(size);
}

describe('constructor, maxsize, size, empty, full', () => {
  test('a queue with the default maxsize is never full', points(2, { section: 'backpressure-maxsize' }), async () => {
    const queue = newQueue<number>();
    expect(queue.maxsize, 'maxsize of new Queue()').toBe(0);
    for (let i = 0; i < 1000; i++) queue.putNowait(i);
    expect(queue.full(), 'full() of an unbounded queue holding 1000 items').toBe(false);
    const put = track(queue.put(1000));
    await clock.settle();
    expectResolved(put, 0, 'put() on an unbounded queue holding 1000 items');
    expectSize(queue, 1001, 'after 1001 puts');
    const zero = newQueue<number>(0);
    for (let i = 0; i < 5; i++) zero.putNowait(i);
    expect(zero.full(), 'full() of new Queue(0) holding 5 items').toBe(false);
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });

  test('maxsize must be a whole number, 0 or more: anything else throws a RangeError', points(2, { section: 'backpressure-maxsize' }), () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5]) {
      const thrown = thrownBy(() => new ex.Queue(bad));
      expect(thrown instanceof RangeError, `new Queue(${String(bad)}) should throw a RangeError, but it ${thrown === 'nothing' ? 'threw nothing' : `threw ${show(thrown)}`}`).toBe(true);
    }
    expect(newQueue(3).maxsize, 'maxsize of new Queue(3)').toBe(3);
  });

  test('a queue of maxsize 1 holds one item', points(1, { section: 'backpressure-maxsize' }), async () => {
    const queue = newQueue(1);
    queue.putNowait('a');
    expect(queue.full(), 'full() with 1 of 1').toBe(true);
    expectThrows(() => queue.putNowait('b'), ex.QueueFull, 'QueueFull', 'putNowait() on a full queue of maxsize 1');
    const waiting = track(queue.put('b'));
    await clock.settle();
    expectPending(waiting, 'put() on a full queue of maxsize 1');
    expect(queue.getNowait(), 'getNowait()').toBe('a');
    await clock.settle();
    expectResolved(waiting, 0, 'the waiting put()');
    expectList(drain(queue), ['b'], 'the items left');
  });

  test('size, empty and full follow the items in the queue', points(1, { section: 'backpressure-maxsize' }), () => {
    const queue = newQueue(2);
    expect([queue.size(), queue.empty(), queue.full()], '[size(), empty(), full()] of a new queue of maxsize 2').toEqual([0, true, false]);
    queue.putNowait('a');
    expect([queue.size(), queue.empty(), queue.full()], '[size(), empty(), full()] with one item').toEqual([1, false, false]);
    queue.putNowait('b');
    expect([queue.size(), queue.empty(), queue.full()], '[size(), empty(), full()] with two items').toEqual([2, false, true]);
    queue.getNowait();
    expect([queue.size(), queue.empty(), queue.full()], '[size(), empty(), full()] after one getNowait()').toEqual([1, false, false]);
  });
});

describe('order and backpressure', () => {
  test('items come out in the order they went in, whichever way they were put', points(2, { section: 'queues-a-line-of-items-and-a-line-of-waiters' }), async () => {
    const queue = newQueue<string>();
    await queue.put('a');
    queue.putNowait('b');
    await queue.put('c');
    const got = [await queue.get(), queue.getNowait(), await queue.get()];
    expectList(got, ['a', 'b', 'c'], 'the items taken');
  });

  test('waiting getters get the items in the order they called get', points(3, { section: 'nobody-jumps-the-line' }), async () => {
    const queue = newQueue<string>();
    const got: string[] = [];
    const getters = ['g1', 'g2', 'g3', 'g4'].map((name) => track(queue.get().then((item) => got.push(`${name}:${item}`))));
    await clock.settle();
    for (const g of getters) expectPending(g, 'a get() on an empty queue');
    queue.putNowait('a');
    await queue.put('b');
    queue.putNowait('c');
    await clock.settle();
    expectList(got, ['g1:a', 'g2:b', 'g3:c'], 'who got which item');
    expectPending(getters[3]!, 'the fourth get()');
  });

  test('waiting putters get their items in, in the order they called put', points(3, { section: 'nobody-jumps-the-line' }), async () => {
    const queue = newQueue<string>(2);
    queue.putNowait('a');
    queue.putNowait('b');
    const puts = ['c', 'd', 'e'].map((item) => track(queue.put(item)));
    await clock.settle();
    for (const p of puts) expectPending(p, 'a put() on a full queue');
    expect(queue.getNowait(), 'the first item').toBe('a');
    await clock.settle();
    expectResolved(puts[0]!, 0, 'put("c"), after one item was taken');
    expectPending(puts[1]!, 'put("d"), with the queue full again');
    expectList(drain(queue), ['b', 'c', 'd', 'e'], 'the items taken after that (each one taken lets the next putter in)');
    await clock.settle();
    expectResolved(puts[1]!, 0, 'put("d")');
    expectResolved(puts[2]!, 0, 'put("e")');
  });

  test('a fast producer that awaits put never gets more than maxsize items ahead', points(3, { hint: 'put() must wait, pending, while size() equals maxsize, and let the producer go on only when a get makes room.', section: 'backpressure-maxsize' }), async () => {
    const queue = newQueue<number>(3);
    const produced: number[] = [];
    let biggest = 0;
    void (async () => {
      for (let i = 0; i < 10; i++) {
        await queue.put(i);
        produced.push(i);
        biggest = Math.max(biggest, queue.size());
      }
    })();
    await clock.settle();
    expectList(produced, [0, 1, 2], 'the items the producer has put while nobody reads');
    const consumed: number[] = [];
    for (let i = 0; i < 10; i++) {
      consumed.push(await queue.get());
      await clock.advance(100);
      expect(produced.length - consumed.length, `items put and not yet taken, after ${i + 1} taken`).toBeLessThanOrEqual(3);
    }
    expectList(consumed, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'the items the consumer took');
    expect(biggest, 'the most items the queue held').toBe(3);
  });

  test('a put that finds getters waiting hands its item over: size() stays 0', points(2, { section: 'nobody-jumps-the-line' }), async () => {
    const queue = newQueue<string>(1);
    const getter = track(queue.get());
    queue.putNowait('direct');
    expectSize(queue, 0, 'right after putNowait() with a getter waiting');
    expect(queue.full(), 'full() right after that').toBe(false);
    const second = track(queue.get());
    void queue.put('via put');
    expectSize(queue, 0, 'right after put() with a getter waiting');
    await clock.settle();
    expectResolved(getter, 0, 'the first get()', 'direct');
    expectResolved(second, 0, 'the second get()', 'via put');
  });

  test('an item handed to a waiting getter cannot be taken by a getNowait right after', points(2, { hint: 'Hand the item to the waiting getter inside put itself (resolve its promise with it); do not leave it in the queue for the getter to pick up later.', section: 'nobody-jumps-the-line' }), async () => {
    const queue = newQueue<string>();
    const getter = track(queue.get());
    queue.putNowait('for the getter');
    expectThrows(() => queue.getNowait(), ex.QueueEmpty, 'QueueEmpty', 'getNowait() right after the item was handed to a waiting get()');
    await clock.settle();
    expectResolved(getter, 0, 'the waiting get()', 'for the getter');
  });

  test('a get that finds putters waiting moves the first one’s item in: size() stays maxsize', points(2, { section: 'nobody-jumps-the-line' }), async () => {
    const queue = newQueue<string>(2);
    queue.putNowait('a');
    queue.putNowait('b');
    const put = track(queue.put('c'));
    expect(await queue.get(), 'get()').toBe('a');
    expectSize(queue, 2, 'right after get() with a putter waiting');
    await clock.settle();
    expectResolved(put, 0, 'the waiting put()');
  });

  test('the room a get makes goes to the waiting putter: a putNowait right after throws QueueFull', points(2, { hint: 'When a get takes an item while putters wait, move the first putter’s item into the queue in that same call.', section: 'nobody-jumps-the-line' }), async () => {
    const queue = newQueue<string>(1);
    queue.putNowait('a');
    const put = track(queue.put('waiting'));
    expect(queue.getNowait(), 'getNowait()').toBe('a');
    expectThrows(() => queue.putNowait('newcomer'), ex.QueueFull, 'QueueFull', 'putNowait() right after a getNowait() made room for a waiting put()');
    const newcomer = track(queue.put('newcomer'));
    await clock.settle();
    expectResolved(put, 0, 'the waiting put()');
    expectPending(newcomer, 'a put() after it');
    expectSize(queue, 1, 'with the waiting put()’s item in');
    expect(queue.getNowait(), 'the item in the queue').toBe('waiting');
  });

  test('put and get settle at the virtual time of the call that lets them through, without a timer', points(2, { section: 'queues-a-line-of-items-and-a-line-of-waiters' }), async () => {
    const queue = newQueue<string>(1);
    const getter = track(queue.get());
    setTimeout(() => queue.putNowait('x'), 250);
    await clock.advance(250);
    expectResolved(getter, 250, 'a get() answered by a put at 250 ms', 'x');
    queue.putNowait('full');
    const putter = track(queue.put('y'));
    setTimeout(() => queue.getNowait(), 400);
    await clock.advance(400);
    expectResolved(putter, 650, 'a put() let in by a get at 650 ms');
    expect(clock.timersStarted(), 'timers started (two by the spec itself)').toBe(2);
  });

  test('a busy producer and consumer start no timer at all', points(1, { section: 'queues-a-line-of-items-and-a-line-of-waiters' }), async () => {
    const queue = newQueue<number>(2);
    const producer = (async () => {
      for (let i = 0; i < 20; i++) await queue.put(i);
      queue.shutdown();
    })();
    const seen: number[] = [];
    for await (const n of queue) {
      seen.push(n);
      queue.taskDone();
    }
    await producer;
    await queue.join();
    expect(seen.length, 'items read').toBe(20);
    expect(clock.timersStarted(), 'timers started').toBe(0);
  });
});

describe('put', () => {
  test('put resolves with undefined once the item is in', points(1, { section: 'backpressure-maxsize' }), async () => {
    const queue = newQueue<string>(1);
    const put = track(queue.put('a'));
    expectSize(queue, 1, 'as soon as put() returns, with room');
    await clock.settle();
    expectResolved(put, 0, 'put() with room');
  });

  test('put on a shut-down queue rejects with QueueShutDown, and never throws', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>();
    queue.shutdown();
    let put: Promise<void> | undefined;
    const thrown = thrownBy(() => (put = queue.put('late')));
    expect(thrown, 'put() on a shut-down queue should return a rejected promise, not throw').toBe('nothing');
    const outcome = track(put!);
    await clock.settle();
    expectShutDown(outcome, 0, 'put() on a shut-down queue');
    expectSize(queue, 0, 'after that put()');
  });

  test('put with an already-aborted signal rejects with its reason and adds nothing', points(2, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<unknown>();
    for (const reason of [new Error('gone'), 'a string', null, 0]) {
      const put = track(queue.put('item', { signal: AbortSignal.abort(reason) }));
      await clock.settle();
      expectRejectedWith(put, reason, 0, `put() with a signal aborted with ${show(reason)}`);
    }
    expectSize(queue, 0, 'after puts with aborted signals, on a queue with room');
    const getter = track(queue.get());
    const put = track(queue.put('item', { signal: AbortSignal.abort('no') }));
    await clock.settle();
    expectRejectedWith(put, 'no', 0, 'put() with an aborted signal while a getter waits');
    expectPending(getter, 'the waiting get()');
  });

  test('put with an already-aborted signal rejects with its reason even on a shut-down queue', points(1, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>();
    queue.shutdown();
    const put = track(queue.put('x', { signal: AbortSignal.abort('the signal first') }));
    await clock.settle();
    expectRejectedWith(put, 'the signal first', 0, 'put() with an aborted signal on a shut-down queue');
  });

  test('an aborted put leaves the line, and its item is never added', points(3, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>(1);
    queue.putNowait('a');
    const controller = new AbortController();
    const first = track(queue.put('b'));
    const aborted = track(queue.put('aborted', { signal: controller.signal }));
    const last = track(queue.put('c'));
    setTimeout(() => controller.abort('changed my mind'), 30);
    await clock.advance(30);
    expectRejectedWith(aborted, 'changed my mind', 30, 'the put() aborted while it waited');
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      got.push(queue.getNowait());
      await clock.settle();
    }
    expectList(got, ['a', 'b', 'c'], 'the items taken');
    expectResolved(first, 30, 'the put() before the aborted one');
    expectResolved(last, 30, 'the put() after the aborted one');
    expect(queue.empty(), 'empty() once a, b and c are taken').toBe(true);
  });

  test('aborting a put after its item went in changes nothing', points(1, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>(1);
    queue.putNowait('a');
    const controller = new AbortController();
    const put = track(queue.put('b', { signal: controller.signal }));
    queue.getNowait();
    controller.abort('too late');
    await clock.settle();
    expectResolved(put, 0, 'a put() whose item went in before its signal aborted');
    expectList(drain(queue), ['b'], 'the items in the queue');
  });

  test('put leaves no abort listener behind, whichever way it settles', points(2, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>(1);
    const signal = new AbortController().signal;
    await queue.put('a', { signal });
    expect(listeners(signal), 'abort listeners after a put() with room').toBe(0);
    const waiting = track(queue.put('b', { signal }));
    queue.getNowait();
    await clock.settle();
    expectResolved(waiting, 0, 'the waiting put()');
    expect(listeners(signal), 'abort listeners after a waiting put() got in').toBe(0);
    const controller = new AbortController();
    const aborted = track(queue.put('c', { signal: controller.signal }));
    controller.abort();
    const shut = track(queue.put('d', { signal }));
    queue.shutdown();
    await clock.settle();
    expect([aborted.state(), shut.state()], 'the aborted put() and the one shut down').toEqual(['rejected', 'rejected']);
    expect(listeners(signal) + listeners(controller.signal), 'abort listeners after a put() was aborted or shut down').toBe(0);
  });

  test('shutdown rejects every waiting put with QueueShutDown, and their items are never added', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>(1);
    queue.putNowait('a');
    const puts = ['b', 'c'].map((item) => track(queue.put(item)));
    setTimeout(() => queue.shutdown(), 70);
    await clock.advance(70);
    for (const put of puts) expectShutDown(put, 70, 'a put() waiting when the queue was shut down');
    expectList(drain(queue), ['a'], 'the items left');
    const get = track(queue.get());
    await clock.settle();
    expectShutDown(get, 70, 'get() once the queue is shut down and empty');
  });
});

describe('putNowait', () => {
  test('putNowait on a full queue throws QueueFull and adds nothing', points(2, { section: 'backpressure-maxsize' }), () => {
    const queue = newQueue<string>(2);
    queue.putNowait('a');
    queue.putNowait('b');
    expectThrows(() => queue.putNowait('c'), ex.QueueFull, 'QueueFull', 'putNowait() on a full queue');
    expectList(drain(queue), ['a', 'b'], 'the items in the queue');
  });

  test('putNowait on a shut-down queue throws QueueShutDown, even when it is full', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), () => {
    const queue = newQueue<string>(1);
    queue.putNowait('a');
    queue.shutdown();
    expectThrows(() => queue.putNowait('b'), ex.QueueShutDown, 'QueueShutDown', 'putNowait() on a full queue that is shut down');
    queue.getNowait();
    expectThrows(() => queue.putNowait('c'), ex.QueueShutDown, 'QueueShutDown', 'putNowait() on an empty queue that is shut down');
    expectSize(queue, 0, 'after those putNowait() calls');
  });
});

describe('get', () => {
  test('get resolves with the item as it is: undefined, 0, null and \'\' are items too', points(2, { section: 'queues-a-line-of-items-and-a-line-of-waiters' }), async () => {
    const queue = newQueue<unknown>();
    const items = [undefined, 0, null, '', false];
    for (const item of items) queue.putNowait(item);
    expectSize(queue, 5, 'after putting five falsy items');
    const got = [];
    for (let i = 0; i < items.length; i++) got.push(await queue.get());
    expectList(got, items, 'the items taken');
    const waiting = track(queue.get());
    queue.putNowait(undefined);
    await clock.settle();
    expectResolved(waiting, 0, 'a waiting get() handed undefined', undefined);
    expect(queue.empty(), 'empty() after that').toBe(true);
  });

  test('get with an already-aborted signal rejects with its reason and takes nothing', points(2, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    const get = track(queue.get({ signal: AbortSignal.abort('not now') }));
    await clock.settle();
    expectRejectedWith(get, 'not now', 0, 'get() with an aborted signal on a queue holding an item');
    expectList(drain(queue), ['a'], 'the items left');
  });

  test('get with an already-aborted signal rejects with its reason even on a shut-down queue', points(1, { hint: 'In get() as in put(), look at the signal before anything else: an aborted signal rejects with its reason, shut down or not.', section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>();
    queue.shutdown();
    const get = track(queue.get({ signal: AbortSignal.abort('the signal first') }));
    await clock.settle();
    expectRejectedWith(get, 'the signal first', 0, 'get() with an aborted signal on a shut-down, empty queue');
  });

  test('getNowait of an empty queue throws QueueEmpty, and QueueShutDown once shut down', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), () => {
    const queue = newQueue<string>();
    expectThrows(() => queue.getNowait(), ex.QueueEmpty, 'QueueEmpty', 'getNowait() of an empty queue');
    queue.shutdown();
    expectThrows(() => queue.getNowait(), ex.QueueShutDown, 'QueueShutDown', 'getNowait() of an empty queue that is shut down');
    const shut = thrownBy(() => queue.getNowait());
    expect(shut instanceof ex.QueueEmpty, 'the QueueShutDown should not also be a QueueEmpty').toBe(false);
  });

  test('after shutdown, get drains the items left and then rejects with QueueShutDown', points(3, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>(3);
    queue.putNowait('a');
    queue.putNowait('b');
    queue.putNowait('c');
    queue.shutdown();
    expect(await queue.get(), 'the first get() after shutdown').toBe('a');
    expect(queue.getNowait(), 'getNowait() after shutdown').toBe('b');
    expect(await queue.get(), 'the third').toBe('c');
    const last = track(queue.get());
    await clock.settle();
    expectShutDown(last, 0, 'get() of the emptied queue');
  });

  test('an aborted get leaves the line and loses no item', points(3, { hint: 'On abort, take the getter out of the line at once; an item put later must go to the next getter, or into the queue.', section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>();
    const controller = new AbortController();
    const before = track(queue.get());
    const aborted = track(queue.get({ signal: controller.signal }));
    const after = track(queue.get());
    controller.abort('gave up');
    await clock.settle();
    expectRejectedWith(aborted, 'gave up', 0, 'the aborted get()');
    queue.putNowait('x');
    queue.putNowait('y');
    queue.putNowait('z');
    await clock.settle();
    expectResolved(before, 0, 'the get() before the aborted one', 'x');
    expectResolved(after, 0, 'the get() after the aborted one', 'y');
    expectList(drain(queue), ['z'], 'the items left in the queue');
    const lone = new AbortController();
    const only = track(queue.get({ signal: lone.signal }));
    lone.abort();
    queue.putNowait('kept');
    await clock.settle();
    expect(only.state(), 'the only get(), aborted').toBe('rejected');
    expectList(drain(queue), ['kept'], 'the item put after the only getter gave up');
  });

  test('a get aborted right after an item was handed to it still resolves with it', points(2, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>();
    const controller = new AbortController();
    const get = track(queue.get({ signal: controller.signal }));
    queue.putNowait('handed');
    controller.abort('too late');
    await clock.settle();
    expectResolved(get, 0, 'a get() aborted in the same synchronous code, after it was handed an item', 'handed');
    expect(queue.empty(), 'empty(): the item went to the getter').toBe(true);
    expect(listeners(controller.signal), 'abort listeners left').toBe(0);
  });

  test('get leaves no abort listener behind, whichever way it settles', points(2, { section: 'giving-up-the-wait-an-aborted-get-loses-no-item' }), async () => {
    const queue = newQueue<string>();
    const signal = new AbortController().signal;
    queue.putNowait('a');
    await queue.get({ signal });
    expect(listeners(signal), 'abort listeners after a get() of an item there').toBe(0);
    const waiting = track(queue.get({ signal }));
    queue.putNowait('b');
    await clock.settle();
    expectResolved(waiting, 0, 'the waiting get()', 'b');
    expect(listeners(signal), 'abort listeners after a waiting get() got its item').toBe(0);
    const controller = new AbortController();
    const aborted = track(queue.get({ signal: controller.signal }));
    controller.abort();
    const shut = track(queue.get({ signal }));
    queue.shutdown();
    await clock.settle();
    expect([aborted.state(), shut.state()], 'the aborted get() and the one shut down').toEqual(['rejected', 'rejected']);
    expect(listeners(signal) + listeners(controller.signal), 'abort listeners after a get() was aborted or shut down').toBe(0);
  });

  test('shutdown rejects every waiting get with QueueShutDown at that moment', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>();
    const gets = [track(queue.get()), track(queue.get())];
    setTimeout(() => queue.shutdown(), 120);
    await clock.advance(119);
    for (const get of gets) expectPending(get, 'a get() before the shutdown');
    await clock.advance(1);
    for (const get of gets) expectShutDown(get, 120, 'a get() waiting when the queue was shut down');
  });
});

describe('taskDone and join', () => {
  test('join resolves at once when no task is unfinished', points(1, { section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>();
    const fresh = track(queue.join());
    await clock.settle();
    expectResolved(fresh, 0, 'join() of a new queue');
    queue.putNowait('a');
    queue.getNowait();
    queue.taskDone();
    const again = track(queue.join());
    await clock.settle();
    expectResolved(again, 0, 'join() once the only item is done');
  });

  test('join waits until every item put has been marked done', points(3, { section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    queue.putNowait('b');
    const early = track(queue.join());
    const taken = drain(queue);
    await clock.advance(100);
    expectPending(early, 'join() with two items taken and none done');
    setTimeout(() => queue.taskDone(), 0);
    await clock.advance(100);
    expectPending(early, 'join() with one of two items done');
    queue.putNowait('c');
    const late = track(queue.join());
    setTimeout(() => queue.taskDone(), 100);
    await clock.advance(100);
    expectPending(early, 'join() with two of three items done (an item put later counts too)');
    setTimeout(() => queue.taskDone(), 100);
    await clock.advance(100);
    expectResolved(early, 400, 'the first join()');
    expectResolved(late, 400, 'the join() called after the third item was put');
    queue.putNowait('d');
    await clock.settle();
    expectResolved(early, 400, 'the first join(), once resolved, whatever is put later');
    expectList(taken, ['a', 'b'], 'the items taken');
  });

  test('a join called after an earlier one resolved waits for the items put since', points(2, { hint: 'A join() that finds tasks unfinished needs a promise that resolves when the count next drops to 0: never hand out one that has already resolved.', section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    const first = track(queue.join());
    queue.getNowait();
    queue.taskDone();
    await clock.settle();
    expectResolved(first, 0, 'the first join(), once "a" is done');
    queue.putNowait('b');
    const second = track(queue.join());
    await clock.settle();
    expectPending(second, 'a join() called after "b" was put (an earlier join() had already resolved)');
    setTimeout(() => {
      queue.getNowait();
      queue.taskDone();
    }, 50);
    await clock.advance(50);
    expectResolved(second, 50, 'that join(), once "b" is done');
    queue.putNowait('c');
    const third = track(queue.join());
    await clock.settle();
    expectPending(third, 'a join() called after "c" was put, two joins later');
    queue.taskDone();
    await clock.settle();
    expectResolved(third, 50, 'that join(), once "c" is done');
  });

  test('join waits for an item handed straight to a getter too', points(2, { section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>();
    const getter = track(queue.get());
    queue.putNowait('handed');
    const join = track(queue.join());
    await clock.settle();
    expectResolved(getter, 0, 'the waiting get()', 'handed');
    expectPending(join, 'join() while the handed item is not done');
    queue.taskDone();
    await clock.settle();
    expectResolved(join, 0, 'join() once the handed item is done');
  });

  test('an item moved in from a waiting putter counts only once it is in', points(1, { section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>(1);
    queue.putNowait('a');
    const controller = new AbortController();
    const put = track(queue.put('b', { signal: controller.signal }));
    controller.abort();
    queue.getNowait();
    queue.taskDone();
    const join = track(queue.join());
    await clock.settle();
    expect(put.state(), 'the aborted put()').toBe('rejected');
    expectResolved(join, 0, 'join() when the only item put is done and the other put() gave up');
    expectThrows(() => queue.taskDone(), RangeError, 'RangeError', 'a taskDone() for the item that never went in');
  });

  test('taskDone called more often than items were put throws a RangeError and changes nothing', points(3, { section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>();
    expectThrows(() => queue.taskDone(), RangeError, 'RangeError', 'taskDone() on a new queue');
    queue.putNowait('a');
    queue.getNowait();
    queue.taskDone();
    expectThrows(() => queue.taskDone(), RangeError, 'RangeError', 'a second taskDone() for one item');
    queue.putNowait('b');
    const join = track(queue.join());
    await clock.settle();
    expectPending(join, 'join() with one item put after the failed taskDone() calls (the count must not have gone below 0)');
    queue.taskDone();
    await clock.settle();
    expectResolved(join, 0, 'join() once that item is done');
  });

  test('taskDone and join work the same on a queue that is shut down', points(2, { section: 'taskdone-and-join-when-is-the-work-done' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    queue.putNowait('b');
    queue.getNowait();
    queue.shutdown();
    const join = track(queue.join());
    await clock.settle();
    expectPending(join, 'join() after shutdown(), with two items not done');
    queue.taskDone();
    queue.getNowait();
    queue.taskDone();
    await clock.settle();
    expectResolved(join, 0, 'join() once both items are done, after shutdown()');
    expectThrows(() => queue.taskDone(), RangeError, 'RangeError', 'one taskDone() too many, after shutdown()');
  });
});

describe('shutdown(immediate)', () => {
  test('shutdown(true) discards the items left and counts them as done', points(3, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>(3);
    for (const item of ['a', 'b', 'c']) queue.putNowait(item);
    const putter = track(queue.put('d'));
    expect(queue.getNowait(), 'getNowait()').toBe('a');
    const join = track(queue.join());
    queue.shutdown(true);
    expectSize(queue, 0, 'after shutdown(true)');
    const get = track(queue.get());
    await clock.settle();
    expectShutDown(get, 0, 'get() after shutdown(true)');
    expectThrows(() => queue.getNowait(), ex.QueueShutDown, 'QueueShutDown', 'getNowait() after shutdown(true)');
    expectResolved(putter, 0, 'the put("d") let in by the getNowait() before the shutdown');
    expectPending(join, 'join() while "a", taken before the shutdown, is not done');
    queue.taskDone();
    await clock.settle();
    expectResolved(join, 0, 'join() once "a" is done (b, c and d counted done by shutdown(true))');
  });

  test('shutdown(true) ends at that moment a join that waited only for the items it discards', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    queue.putNowait('b');
    const join = track(queue.join());
    setTimeout(() => queue.shutdown(true), 60);
    await clock.advance(59);
    expectPending(join, 'join() before the shutdown');
    await clock.advance(1);
    expectResolved(join, 60, 'join() once shutdown(true) discarded both items');
  });

  test('shutdown(true) never counts more items done than are unfinished', points(2, { hint: 'Items in the queue may already have been counted done by taskDone() (whoever calls it, whichever item it means): lower the count by the items discarded, but never below 0.', section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    queue.putNowait('b');
    queue.getNowait();
    queue.taskDone();
    queue.shutdown(true);
    const join = track(queue.join());
    await clock.settle();
    expectResolved(join, 0, 'join() after shutdown(true) discarded the last item');
    expectThrows(() => queue.taskDone(), RangeError, 'RangeError', 'taskDone() with nothing unfinished after shutdown(true)');
    const early = newQueue<string>();
    early.putNowait('x');
    early.putNowait('y');
    early.taskDone();
    early.taskDone();
    early.shutdown(true);
    expectSize(early, 0, 'after shutdown(true) of a queue holding two items already counted done');
    const joinEarly = track(early.join());
    await clock.settle();
    expectResolved(joinEarly, 0, 'join() of a queue whose two items were counted done by taskDone() before shutdown(true) discarded them (the count must stay at 0)');
    expectThrows(() => early.taskDone(), RangeError, 'RangeError', 'taskDone() after that, with nothing unfinished');
  });

  test('shutting down twice changes nothing, but shutdown(true) after shutdown() discards the rest', points(2, { section: 'shutdown-telling-everyone-to-stop-python-313' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    queue.putNowait('b');
    queue.shutdown();
    queue.shutdown();
    expectSize(queue, 2, 'after shutdown() twice');
    expect(queue.getNowait(), 'getNowait()').toBe('a');
    const join = track(queue.join());
    queue.shutdown(true);
    expectSize(queue, 0, 'after shutdown(true), following shutdown()');
    queue.taskDone();
    await clock.settle();
    expectResolved(join, 0, 'join() once "a" is done and "b" discarded');
    queue.shutdown(true);
    queue.shutdown();
    expectThrows(() => queue.putNowait('c'), ex.QueueShutDown, 'QueueShutDown', 'putNowait() after it all');
  });
});

describe('async iteration', () => {
  test('for await ends once the queue is shut down and empty', points(3, { section: 'reading-a-queue-with-for-await' }), async () => {
    const queue = newQueue<string>(1);
    const seen: string[] = [];
    const reading = track(
      (async () => {
        for await (const item of queue) seen.push(`${item}@${clock.now()}`);
        return 'loop ended';
      })(),
    );
    await queue.put('a');
    setTimeout(() => queue.putNowait('b'), 100);
    await clock.advance(100);
    queue.putNowait('c');
    queue.shutdown();
    await clock.settle();
    expectList(seen, ['a@0', 'b@100', 'c@100'], 'the items the loop saw, with when');
    expectResolved(reading, 100, 'the for await loop', 'loop ended');
    const after = track(
      (async () => {
        const more: string[] = [];
        for await (const item of queue) more.push(item);
        return more.length;
      })(),
    );
    await clock.settle();
    expectResolved(after, 100, 'a new for await over the queue shut down and empty', 0);
  });

  test('for await takes each item only when the loop asks for it: break leaves the rest', points(3, { section: 'reading-a-queue-with-for-await' }), async () => {
    const queue = newQueue<string>();
    for (const item of ['a', 'b', 'c', 'd']) queue.putNowait(item);
    const seen: string[] = [];
    for await (const item of queue) {
      seen.push(item);
      expectSize(queue, 4 - seen.length, `while the loop handles ${item}`);
      if (item === 'b') break;
    }
    expectList(seen, ['a', 'b'], 'the items seen before the break');
    expectList(drain(queue), ['c', 'd'], 'the items left in the queue after the break');
    const getter = track(queue.get());
    queue.putNowait('e');
    await clock.settle();
    expectResolved(getter, 0, 'a get() after the loop was left', 'e');
  });

  test('for await does not call taskDone', points(2, { section: 'reading-a-queue-with-for-await' }), async () => {
    const queue = newQueue<string>();
    queue.putNowait('a');
    queue.putNowait('b');
    queue.shutdown();
    const seen: string[] = [];
    for await (const item of queue) seen.push(item);
    const join = track(queue.join());
    await clock.settle();
    expectPending(join, 'join() after a loop that never called taskDone()');
    queue.taskDone();
    queue.taskDone();
    await clock.settle();
    expectResolved(join, 0, 'join() once the loop’s owner called taskDone() twice');
    expectList(seen, ['a', 'b'], 'the items seen');
  });

  test('next() calls made together are served in call order, and each for await gets its own iterator', points(2, { section: 'reading-a-queue-with-for-await' }), async () => {
    const queue = newQueue<string>();
    const one = queue[Symbol.asyncIterator]();
    const two = queue[Symbol.asyncIterator]();
    expect(one === two, 'two calls of [Symbol.asyncIterator]() should give two iterators').toBe(false);
    const steps = [track(one.next()), track(two.next()), track(one.next())];
    await clock.settle();
    for (const step of steps) expectPending(step, 'next() on an empty queue');
    queue.putNowait('x');
    queue.putNowait('y');
    queue.putNowait('z');
    await clock.settle();
    expect(steps.map((s) => s.value()), 'what the three next() calls resolved with, in call order').toEqual([
      { done: false, value: 'x' },
      { done: false, value: 'y' },
      { done: false, value: 'z' },
    ]);
    const waiting = track(two.next());
    queue.shutdown();
    await clock.settle();
    expect(waiting.value(), 'a next() waiting when the queue was shut down').toEqual({ done: true, value: undefined });
  });
});
