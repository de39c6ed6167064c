// Visible tests for wait: a few examples to run with `npm run check -- wait` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { FIRST_COMPLETED, FIRST_EXCEPTION, wait } from './wait.ts';

// Fake timers: time moves only when the test says so, so a 300 ms wait takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (ms: number, error: Error): Promise<never> => new Promise((_, reject) => setTimeout(() => reject(error), ms));

test('by default waits for everything and puts every item in done', async () => {
  const a = later(100, 'a');
  const b = later(300, 'b');
  const waiting = wait([a, b]);
  await vi.advanceTimersByTimeAsync(300);
  const { done, pending } = await waiting;
  expect([done.has(a), done.has(b), pending.size]).toEqual([true, true, 0]);
});

test('FIRST_COMPLETED returns when the first item settles', async () => {
  const slow = later(300, 'slow');
  const fast = later(100, 'fast');
  const waiting = wait([slow, fast], { returnWhen: FIRST_COMPLETED });
  await vi.advanceTimersByTimeAsync(100);
  const { done, pending } = await waiting;
  expect([...done]).toEqual([fast]);
  expect([...pending]).toEqual([slow]);
  expect(await fast).toBe('fast'); // A done item gives its value at once.
  await vi.advanceTimersByTimeAsync(200);
});

test('FIRST_EXCEPTION returns at the first failure, and a failure never makes wait reject', async () => {
  const ok = later(100, 'ok');
  const fails = failLater(200, new Error('boom'));
  const slow = later(300, 'slow');
  const waiting = wait([ok, fails, slow], { returnWhen: FIRST_EXCEPTION });
  await vi.advanceTimersByTimeAsync(200);
  const { done, pending } = await waiting;
  expect([done.has(ok), done.has(fails), pending.has(slow)]).toEqual([true, true, true]);
  await expect(fails).rejects.toThrow('boom'); // The error is still there, in the item itself.
  await vi.advanceTimersByTimeAsync(100);
});

test('a timeout returns with what has settled by then', async () => {
  const fast = later(100, 'fast');
  const slow = later(300, 'slow');
  const waiting = wait([fast, slow], { timeout: 200 });
  await vi.advanceTimersByTimeAsync(200);
  const { done, pending } = await waiting;
  expect([done.has(fast), pending.has(slow)]).toEqual([true, true]);
  await vi.advanceTimersByTimeAsync(100);
});
