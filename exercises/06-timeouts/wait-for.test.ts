// Visible tests for waitFor: a few examples to run with `npm run check -- wait-for` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { waitFor } from './wait-for.ts';

// Fake timers: time moves only when the test says so, so a 5 s job takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// A job that takes `ms` and stops early, rejecting with the abort reason, when its signal aborts.
function job(ms: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(`finished after ${ms} ms`), ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

test('resolves with the result of a job that finishes in time', async () => {
  const waiting = waitFor((signal) => job(500, signal), 1000);
  await vi.advanceTimersByTimeAsync(500);
  await expect(waiting).resolves.toBe('finished after 500 ms');
});

test('rejects with a TimeoutError and aborts the job when time is up', async () => {
  let jobSignal: AbortSignal | undefined;
  const waiting = waitFor((signal) => {
    jobSignal = signal;
    return job(5000, signal);
  }, 2000);
  const rejected = expect(waiting).rejects.toMatchObject({ name: 'TimeoutError' });
  await vi.advanceTimersByTimeAsync(2000);
  await rejected;
  expect(jobSignal?.aborted).toBe(true);
});

test('leaves no timer behind', async () => {
  const waiting = waitFor((signal) => job(100, signal), 1000);
  await vi.advanceTimersByTimeAsync(100);
  await waiting;
  expect(vi.getTimerCount()).toBe(0);
});
