// Visible tests for as-completed: a few examples to run with `npm run check -- as-completed` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { asCompleted } from './as-completed.ts';

// Fake timers: time moves only when the test says so, so a 300 ms wait takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (ms: number, error: Error): Promise<never> => new Promise((_, reject) => setTimeout(() => reject(error), ms));

test('yields the results fastest first, each at the moment it is ready', async () => {
  const start = Date.now();
  const results = asCompleted([later(200, 'a'), later(300, 'b'), later(100, 'c')]);
  const seen: string[] = [];
  const loop = (async () => {
    for await (const result of results) {
      seen.push(`${result} at ${Date.now() - start} ms`);
    }
  })();
  await vi.advanceTimersByTimeAsync(300);
  await loop;
  expect(seen).toEqual(['c at 100 ms', 'a at 200 ms', 'b at 300 ms']);
});

test('the loop throws the error of a failing item at its turn', async () => {
  const results = asCompleted([later(100, 'a'), failLater(200, new Error('b failed')), later(300, 'c')]);
  const seen: string[] = [];
  const loop = (async () => {
    for await (const result of results) {
      seen.push(result);
    }
  })();
  const rejected = expect(loop).rejects.toThrow('b failed'); // Attach the check before time moves.
  await vi.advanceTimersByTimeAsync(300);
  await rejected;
  expect(seen).toEqual(['a']);
});

test('an empty input ends at once', async () => {
  const results = asCompleted([]);
  expect(await results.next()).toEqual({ value: undefined, done: true });
});
