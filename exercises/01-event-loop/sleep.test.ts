// Visible tests for sleep: a few examples to run with `npm run check -- sleep` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { sleep } from './sleep.ts';

// Fake timers: time moves only when the test says so, so a 1000 ms sleep takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('resolves after the given time, not before', async () => {
  let done = false;
  void sleep(1000).then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(999);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(done).toBe(true);
});

test('rejects with the abort reason when the signal aborts', async () => {
  const controller = new AbortController();
  const sleeping = sleep(1000, { signal: controller.signal });
  const rejected = expect(sleeping).rejects.toThrow('stop');
  controller.abort(new Error('stop'));
  await rejected;
});
