// Visible tests for gather: a few examples to run with `npm run check -- gather` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { gather } from './gather.ts';

// Fake timers: time moves only when the test says so, so a 300 ms wait takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (ms: number, error: Error): Promise<never> => new Promise((_, reject) => setTimeout(() => reject(error), ms));

test('gives the results in argument order, after the slowest item', async () => {
  const gathered = gather([later(200, 'a'), later(300, 'b'), later(100, 'c')]);
  await vi.advanceTimersByTimeAsync(300); // 300 ms in all, not 600: they run together.
  expect(await gathered).toEqual(['a', 'b', 'c']);
});

test('rejects with the first error as soon as it happens', async () => {
  const gathered = gather([later(1000, 'slow'), failLater(100, new Error('boom'))]);
  const rejected = expect(gathered).rejects.toThrow('boom'); // Attach the check before time moves.
  await vi.advanceTimersByTimeAsync(100);
  await rejected;
  await vi.advanceTimersByTimeAsync(900); // The slow item still runs to the end; its result is dropped.
});

test('with returnExceptions, puts each error in its place instead of rejecting', async () => {
  const error = new Error('b failed');
  const gathered = gather([later(100, 'a'), failLater(50, error), 'c'], { returnExceptions: true });
  await vi.advanceTimersByTimeAsync(100);
  expect(await gathered).toEqual(['a', error, 'c']);
});

test('an empty array gives an empty array', async () => {
  expect(await gather([])).toEqual([]);
});
