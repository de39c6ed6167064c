// Visible tests for mapWithLimit: a few examples to run with `npm run check -- map-with-limit` or
// in `npm run ui`. Read them, change them, add your own. Passing them does not promise a full
// grade: the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { mapWithLimit } from './map-with-limit.ts';

// Fake timers: time moves only when the test says so, so a 1000 ms call takes no real time.
// The clock starts at 0, so Date.now() is the virtual time since the test began.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('keeps the results in input order', async () => {
  const mapped = mapWithLimit([300, 100, 200], 2, async (ms) => {
    await sleep(ms);
    return `${ms} ms`;
  });
  await vi.advanceTimersByTimeAsync(300);
  await expect(mapped).resolves.toEqual(['300 ms', '100 ms', '200 ms']);
});

test('starts `limit` calls at once, and the next one as soon as one ends', async () => {
  const started: string[] = [];
  const mapped = mapWithLimit(['a', 'b', 'c', 'd'], 2, async (name) => {
    started.push(`${name}@${Date.now()}`);
    await sleep(name === 'a' ? 100 : 300);
  });
  await vi.advanceTimersByTimeAsync(0);
  expect(started).toEqual(['a@0', 'b@0']);
  await vi.advanceTimersByTimeAsync(100);
  expect(started).toEqual(['a@0', 'b@0', 'c@100']);
  await vi.advanceTimersByTimeAsync(200);
  expect(started).toEqual(['a@0', 'b@0', 'c@100', 'd@300']);
  await vi.advanceTimersByTimeAsync(300);
  await mapped;
});

test('accepts any iterable, such as a Set', async () => {
  const mapped = mapWithLimit(new Set([1, 2, 3]), 2, (n, index) => n * 10 + index);
  await expect(mapped).resolves.toEqual([10, 21, 32]);
});

test('stops starting calls at the first failure, and rejects with its error', async () => {
  const started: number[] = [];
  const boom = new Error('boom');
  const mapped = mapWithLimit([1, 2, 3, 4, 5], 2, async (n) => {
    started.push(n);
    await sleep(100 * n);
    if (n === 1) throw boom;
  });
  const rejected = expect(mapped).rejects.toBe(boom);
  await vi.advanceTimersByTimeAsync(1000);
  await rejected;
  expect(started).toEqual([1, 2]);
});

test('aborts the signal of the calls still running when one fails', async () => {
  let seen: AbortSignal | undefined;
  const mapped = mapWithLimit([50, 1000], 2, async (ms, _index, signal) => {
    seen = signal;
    await sleep(ms);
    if (ms === 50) throw new Error('too short');
  });
  const rejected = expect(mapped).rejects.toThrow('too short');
  await vi.advanceTimersByTimeAsync(50);
  await rejected;
  expect(seen?.aborted).toBe(true);
});

test('refuses a limit below 1', async () => {
  await expect(mapWithLimit([1, 2], 0, (n) => n)).rejects.toThrow(RangeError);
});
