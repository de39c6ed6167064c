// Visible tests for Lock: a few examples to run with `npm run check -- lock` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Lock } from './lock.ts';

// Fake timers: time moves only when the test says so, so a 100 ms job takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('one at a time: a second caller waits until the first releases', async () => {
  const lock = new Lock();
  const log: string[] = [];
  const start = Date.now();
  const job = (name: string) =>
    lock.runExclusive(async () => {
      log.push(`${name} in at ${Date.now() - start}`);
      await sleep(100);
      log.push(`${name} out at ${Date.now() - start}`);
    });
  const both = Promise.all([job('a'), job('b')]);
  await vi.advanceTimersByTimeAsync(200);
  await both;
  expect(log).toEqual(['a in at 0', 'a out at 100', 'b in at 100', 'b out at 200']);
});

test('waiters get the lock in the order they asked for it', async () => {
  const lock = new Lock();
  await lock.acquire();
  const order: string[] = [];
  for (const name of ['first', 'second', 'third']) {
    void lock.acquire().then(() => {
      order.push(name);
      lock.release();
    });
  }
  lock.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(order).toEqual(['first', 'second', 'third']);
  expect(lock.locked()).toBe(false);
});

test('releasing and acquiring again at once does not jump the queue', async () => {
  const lock = new Lock();
  await lock.acquire();
  const order: string[] = [];
  void lock.acquire().then(() => order.push('waiter'));
  lock.release();
  void lock.acquire().then(() => order.push('releaser again')); // queues behind the waiter
  await vi.advanceTimersByTimeAsync(0);
  expect(order).toEqual(['waiter']);
  lock.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(order).toEqual(['waiter', 'releaser again']);
});

test('releasing a lock that is not held throws, and the lock stays free', () => {
  const lock = new Lock();
  expect(() => lock.release()).toThrow(Error);
  expect(lock.locked()).toBe(false);
});

test('runExclusive releases the lock even when fn throws', async () => {
  const lock = new Lock();
  await expect(
    lock.runExclusive(async () => {
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(lock.locked()).toBe(false);
});

test('an aborted waiter leaves the queue and never gets the lock', async () => {
  const lock = new Lock();
  await lock.acquire();
  const controller = new AbortController();
  const waiting = lock.acquire({ signal: controller.signal });
  const rejected = expect(waiting).rejects.toThrow('gave up'); // attach before aborting
  controller.abort(new Error('gave up'));
  await rejected;
  lock.release();
  expect(lock.locked()).toBe(false); // nobody else was waiting
});
