// Visible tests for Barrier: a few examples to run with `npm run check -- barrier` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Barrier, BrokenBarrierError } from './barrier.ts';

// Fake timers: time moves only when the test says so, so a 300 ms worker takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('everyone goes on when the last party arrives, each with its index', async () => {
  const barrier = new Barrier(3);
  const start = Date.now();
  const log: string[] = [];
  const worker = async (name: string, ms: number) => {
    await sleep(ms);
    const index = await barrier.wait();
    log.push(`${name} goes at ${Date.now() - start} with index ${index}`);
  };
  const all = Promise.all([worker('a', 100), worker('b', 300), worker('c', 200)]);
  await vi.advanceTimersByTimeAsync(250);
  expect(barrier.nWaiting).toBe(2); // a and c wait for b
  expect(log).toEqual([]);
  await vi.advanceTimersByTimeAsync(50);
  await all;
  expect(log.sort()).toEqual(['a goes at 300 with index 0', 'b goes at 300 with index 2', 'c goes at 300 with index 1']);
  expect(barrier.nWaiting).toBe(0);
});

test('the barrier is reusable: the next parties make the next round', async () => {
  const barrier = new Barrier(2);
  expect(await Promise.all([barrier.wait(), barrier.wait()])).toEqual([0, 1]);
  expect(await Promise.all([barrier.wait(), barrier.wait()])).toEqual([0, 1]);
});

test('abort() breaks the barrier until reset()', async () => {
  const barrier = new Barrier(2);
  const waiting = barrier.wait();
  const rejected = expect(waiting).rejects.toBeInstanceOf(BrokenBarrierError); // attach before aborting
  barrier.abort();
  await rejected;
  expect(barrier.broken).toBe(true);
  await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError); // later callers too
  barrier.reset();
  expect(barrier.broken).toBe(false);
  expect(await Promise.all([barrier.wait(), barrier.wait()])).toEqual([0, 1]);
});

test('reset() rejects the parties waiting, and the barrier goes on working', async () => {
  const barrier = new Barrier(3);
  const waiting = barrier.wait();
  const rejected = expect(waiting).rejects.toBeInstanceOf(BrokenBarrierError);
  barrier.reset();
  await rejected;
  expect(barrier.nWaiting).toBe(0);
  expect(barrier.broken).toBe(false);
});

test('parties must be a whole number, 1 or more', () => {
  expect(() => new Barrier(0)).toThrow(RangeError);
  expect(() => new Barrier(2.5)).toThrow(RangeError);
  expect(new Barrier(4).parties).toBe(4);
});

test('an aborted wait() leaves the round, which then needs one more party', async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  const gaveUp = barrier.wait({ signal: controller.signal });
  const rejected = expect(gaveUp).rejects.toThrow('gave up'); // attach before aborting
  controller.abort(new Error('gave up'));
  await rejected;
  expect(barrier.nWaiting).toBe(0);
  expect(barrier.broken).toBe(false);
  expect(await Promise.all([barrier.wait(), barrier.wait()])).toEqual([0, 1]);
});
