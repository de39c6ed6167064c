// Visible tests for collect-errors: a few examples to run with `npm run check -- collect-errors` or
// in `npm run ui`. Read them, change them, add your own. Passing them does not promise a full
// grade: the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { runAll } from './collect-errors.ts';

// Fake timers: time moves only when the test says so, so a 300 ms job takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A job that finishes after `ms` with `answer`, or fails with it if it is an Error. */
function job(ms: number, answer: string | Error) {
  return (): Promise<string> => new Promise((resolve, reject) => setTimeout(() => (answer instanceof Error ? reject(answer) : resolve(answer)), ms));
}

test('resolves with every value, in argument order, when nothing fails', async () => {
  const values = runAll([job(300, 'a'), job(100, 'b'), job(200, 'c')]);
  await vi.advanceTimersByTimeAsync(300);
  await expect(values).resolves.toEqual(['a', 'b', 'c']);
});

test('waits for everyone, then rejects with every failure in an AggregateError', async () => {
  const late = new Error('late failure');
  const early = new Error('early failure');
  let settled = false;
  const values = runAll([job(300, late), job(200, 'fine'), job(100, early)]);
  void values.then(
    () => (settled = true),
    () => (settled = true),
  );
  const rejected = expect(values).rejects.toMatchObject({ errors: [late, early], message: '2 of 3 functions failed' });

  await vi.advanceTimersByTimeAsync(299);
  expect(settled).toBe(false); // the early failure did not end the wait
  await vi.advanceTimersByTimeAsync(1);
  await rejected;
  await expect(values).rejects.toBeInstanceOf(AggregateError);
});
