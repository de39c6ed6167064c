// Visible tests for Semaphore and BoundedSemaphore: a few examples to run with
// `npm run check -- semaphore` or in `npm run ui`. Read them, change them, add your own. Passing
// them does not promise a full grade: the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { BoundedSemaphore, Semaphore } from './semaphore.ts';

// Fake timers: time moves only when the test says so, so a 1000 ms job takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('lets at most `value` jobs run at a time', async () => {
  const sem = new Semaphore(2);
  let running = 0;
  let most = 0;
  const job = () =>
    sem.run(async () => {
      running++;
      most = Math.max(most, running);
      await sleep(1000);
      running--;
    });
  const all = Promise.all([job(), job(), job(), job(), job()]);
  await vi.advanceTimersByTimeAsync(3000); // 5 jobs of 1 s, 2 at a time: 3 s
  await all;
  expect(most).toBe(2);
});

test('takes a free permit during the call, and queues when none is left', () => {
  const sem = new Semaphore(1);
  void sem.acquire();
  expect(sem.value).toBe(0);
  expect(sem.locked()).toBe(true);
  void sem.acquire();
  expect(sem.waiting).toBe(1);
});

test('serves waiters first come, first served', async () => {
  const sem = new Semaphore(0);
  const order: string[] = [];
  for (const name of ['a', 'b', 'c']) void sem.acquire().then(() => order.push(name));
  sem.release();
  sem.release();
  sem.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(order).toEqual(['a', 'b', 'c']);
});

test('a release goes to the waiter, not to an acquire made right after it', async () => {
  const sem = new Semaphore(1);
  await sem.acquire();
  const waiter = sem.acquire();
  sem.release(); // the permit is the waiter's now
  const latecomer = sem.acquire();
  expect(sem.waiting).toBe(1); // the latecomer waits
  await waiter;
  sem.release();
  await latecomer;
});

test('an aborted waiter leaves the queue and takes no permit', async () => {
  const sem = new Semaphore(0);
  const controller = new AbortController();
  const gaveUp = expect(sem.acquire({ signal: controller.signal })).rejects.toThrow('changed my mind');
  controller.abort(new Error('changed my mind'));
  await gaveUp;
  expect(sem.waiting).toBe(0);
  sem.release();
  expect(sem.value).toBe(1);
});

test('BoundedSemaphore refuses to be released more often than it was acquired', async () => {
  const sem = new BoundedSemaphore(1);
  await sem.acquire();
  sem.release();
  expect(() => sem.release()).toThrow(RangeError);
  expect(sem.value).toBe(1);
});

test('a size that is not a whole number of 0 or more is refused', () => {
  expect(() => new Semaphore(-1)).toThrow(RangeError);
  expect(() => new Semaphore(1.5)).toThrow(RangeError);
});
