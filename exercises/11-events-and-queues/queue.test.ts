// Visible tests for Queue: a few examples to run with `npm run check -- queue` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Queue, QueueEmpty, QueueFull, QueueShutDown } from './queue.ts';

// Fake timers: time moves only when the test says so, so a 100 ms consumer takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('items come out in the order they went in', async () => {
  const queue = new Queue<string>();
  await queue.put('a');
  queue.putNowait('b');
  expect(queue.size()).toBe(2);
  expect(await queue.get()).toBe('a');
  expect(queue.getNowait()).toBe('b');
  expect(() => queue.getNowait()).toThrow(QueueEmpty);
});

test('put waits while the queue is full: backpressure', async () => {
  const queue = new Queue<number>(2);
  await queue.put(1);
  await queue.put(2);
  expect(queue.full()).toBe(true);
  expect(() => queue.putNowait(3)).toThrow(QueueFull);
  let third = false;
  void queue.put(3).then(() => (third = true));
  await vi.advanceTimersByTimeAsync(0);
  expect(third).toBe(false); // still waiting for room
  expect(await queue.get()).toBe(1); // makes room: 3 goes in behind 2
  await vi.advanceTimersByTimeAsync(0);
  expect(third).toBe(true);
  expect(queue.size()).toBe(2);
});

test('waiting getters are served in the order they called get', async () => {
  const queue = new Queue<string>();
  const got: string[] = [];
  void queue.get().then((item) => got.push(`first got ${item}`));
  void queue.get().then((item) => got.push(`second got ${item}`));
  queue.putNowait('x');
  queue.putNowait('y');
  await vi.advanceTimersByTimeAsync(0);
  expect(got).toEqual(['first got x', 'second got y']);
});

test('join waits until taskDone was called once for every item', async () => {
  const queue = new Queue<number>();
  for (const ms of [100, 200]) queue.putNowait(ms);
  let joinedAt: number | undefined;
  const start = Date.now();
  void queue.join().then(() => (joinedAt = Date.now() - start));
  void (async () => {
    for (let i = 0; i < 2; i++) {
      const ms = await queue.get();
      await sleep(ms); // deal with the item
      queue.taskDone();
    }
  })();
  await vi.advanceTimersByTimeAsync(299);
  expect(joinedAt).toBe(undefined);
  await vi.advanceTimersByTimeAsync(1);
  expect(joinedAt).toBe(300);
  expect(() => queue.taskDone()).toThrow(RangeError); // more taskDone() calls than items put
});

test('shutdown: put throws, get drains what is left and then throws', async () => {
  const queue = new Queue<string>();
  queue.putNowait('last');
  queue.shutdown();
  await expect(queue.put('too late')).rejects.toThrow(QueueShutDown);
  expect(await queue.get()).toBe('last');
  await expect(queue.get()).rejects.toThrow(QueueShutDown);
});

test('an aborted get leaves the line and loses no item', async () => {
  const queue = new Queue<string>();
  const controller = new AbortController();
  const gaveUp = queue.get({ signal: controller.signal });
  const rejected = expect(gaveUp).rejects.toThrow('stop'); // attach before aborting
  controller.abort(new Error('stop'));
  await rejected;
  queue.putNowait('kept');
  expect(queue.size()).toBe(1); // nobody took it
  expect(await queue.get()).toBe('kept');
});

test('for await reads items until the queue is shut down and empty', async () => {
  const queue = new Queue<number>();
  const seen: number[] = [];
  const reading = (async () => {
    for await (const n of queue) {
      seen.push(n);
      queue.taskDone();
    }
  })();
  for (const n of [1, 2, 3]) await queue.put(n);
  queue.shutdown();
  await reading;
  expect(seen).toEqual([1, 2, 3]);
});
