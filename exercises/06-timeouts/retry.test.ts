// Visible tests for retry: a few examples to run with `npm run check -- retry` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { retry } from './retry.ts';

// Fake timers: time moves only when the test says so, so the waits take no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('tries again after 100, then 200 ms, and resolves with the first success', async () => {
  const startedAt: number[] = [];
  const retrying = retry(
    (attempt) => {
      startedAt.push(Date.now());
      return attempt < 3 ? Promise.reject(new Error(`attempt ${attempt} failed`)) : Promise.resolve('ok');
    },
    { attempts: 5, baseDelayMs: 100 },
  );
  await vi.advanceTimersByTimeAsync(300);
  await expect(retrying).resolves.toBe('ok');
  expect(startedAt.map((t) => t - startedAt[0]!)).toEqual([0, 100, 300]);
});

test('rejects with the error of the last attempt when every attempt fails', async () => {
  const retrying = retry((attempt) => Promise.reject(new Error(`attempt ${attempt} failed`)), { attempts: 3, baseDelayMs: 100 });
  const rejected = expect(retrying).rejects.toThrow('attempt 3 failed');
  await vi.advanceTimersByTimeAsync(300);
  await rejected;
});

test('stops waiting and rejects with the reason when the signal aborts', async () => {
  const controller = new AbortController();
  let calls = 0;
  const retrying = retry(
    () => {
      calls++;
      return Promise.reject(new Error('still down'));
    },
    { attempts: 10, baseDelayMs: 1000, signal: controller.signal },
  );
  const rejected = expect(retrying).rejects.toThrow('user cancelled');
  await vi.advanceTimersByTimeAsync(500);
  controller.abort(new Error('user cancelled'));
  await rejected;
  await vi.advanceTimersByTimeAsync(10_000);
  expect(calls).toBe(1);
});
