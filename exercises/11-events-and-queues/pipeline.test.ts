// Visible tests for pipeline: a few examples to run with `npm run check -- pipeline` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { pipeline } from './pipeline.ts';

// Fake timers: time moves only when the test says so, so a 100 ms consumer takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('runs fn on every item and keeps the results in source order', async () => {
  const running = pipeline([300, 100, 200], async (ms) => {
    await sleep(ms);
    return ms / 100;
  }, { maxsize: 2, workers: 3 });
  await vi.advanceTimersByTimeAsync(300); // three workers: all at once, 300 ms in all
  await expect(running).resolves.toEqual([3, 1, 2]);
});

test('a fast producer never gets more than maxsize items ahead', async () => {
  const read: string[] = [];
  const start = Date.now();
  async function* numbers() {
    for (let n = 0; n < 6; n++) {
      read.push(`read ${n} at ${Date.now() - start}`);
      yield n;
    }
  }
  const running = pipeline(numbers(), (n) => sleep(100).then(() => n), { maxsize: 2 });
  await vi.advanceTimersByTimeAsync(0);
  // one item in the hands of the only worker, two waiting in the buffer
  expect(read).toEqual(['read 0 at 0', 'read 1 at 0', 'read 2 at 0']);
  await vi.advanceTimersByTimeAsync(100);
  expect(read.at(-1)).toBe('read 3 at 100'); // the worker took item 1: room for one more
  await vi.advanceTimersByTimeAsync(500);
  await expect(running).resolves.toEqual([0, 1, 2, 3, 4, 5]);
});

test('never runs more than workers calls at once', async () => {
  let now = 0;
  let most = 0;
  const running = pipeline(Array.from({ length: 10 }, (_, i) => i), async (i) => {
    most = Math.max(most, ++now);
    await sleep(50);
    now--;
    return i;
  }, { maxsize: 1, workers: 3 });
  await vi.advanceTimersByTimeAsync(200);
  await expect(running).resolves.toHaveLength(10);
  expect(most).toBe(3);
});

test('rejects with the first error and starts nothing more', async () => {
  const started: number[] = [];
  const running = pipeline([1, 2, 3, 4], async (n) => {
    started.push(n);
    await sleep(n === 2 ? 50 : 100);
    if (n === 2) throw new Error('item 2 failed');
    return n;
  }, { maxsize: 1, workers: 2 });
  const rejected = expect(running).rejects.toThrow('item 2 failed'); // attach before time moves
  await vi.advanceTimersByTimeAsync(50);
  await rejected; // at 50 ms, while item 1 still runs
  await vi.advanceTimersByTimeAsync(1000);
  expect(started).toEqual([1, 2]);
});

test('an empty source resolves with [] and a maxsize of 0 is refused', async () => {
  await expect(pipeline([], () => 1, { maxsize: 1 })).resolves.toEqual([]);
  await expect(pipeline([1], () => 1, { maxsize: 0 })).rejects.toThrow(RangeError);
});
