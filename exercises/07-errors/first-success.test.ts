// Visible tests for first-success: a few examples to run with `npm run check -- first-success` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { firstSuccess } from './first-success.ts';

// Fake timers: time moves only when the test says so, so a 300 ms download takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A download from a mirror: it answers after `ms`, or fails, and stops when its signal aborts. */
function download(ms: number, answer: string | Error, signals: AbortSignal[] = []) {
  return (signal: AbortSignal): Promise<string> => {
    signals.push(signal);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (answer instanceof Error ? reject(answer) : resolve(answer)), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  };
}

test('a failure does not end it: the first download that succeeds wins', async () => {
  const file = firstSuccess([download(100, new Error('mirror 1 is down')), download(300, 'from mirror 2'), download(200, 'from mirror 3')]);
  await vi.advanceTimersByTimeAsync(200);
  await expect(file).resolves.toBe('from mirror 3');
});

test('once one wins, the others are aborted', async () => {
  const signals: AbortSignal[] = [];
  const file = firstSuccess([download(300, 'slow', signals), download(100, 'fast', signals)]);
  await vi.advanceTimersByTimeAsync(100);
  await expect(file).resolves.toBe('fast');
  expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
});

test('when all fail, rejects with an AggregateError of every error, in argument order', async () => {
  const down = [new Error('mirror 1 is down'), new Error('mirror 2 is down')];
  const file = firstSuccess([download(200, down[0]!), download(100, down[1]!)]);
  const rejected = expect(file).rejects.toMatchObject({ errors: down }); // attach before time moves
  await vi.advanceTimersByTimeAsync(200);
  await rejected;
  await expect(file).rejects.toBeInstanceOf(AggregateError);
});
