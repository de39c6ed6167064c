// Visible tests for task-tracker: a few examples to run with `npm run check -- task-tracker` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { TaskTracker, TrackerClosedError } from './task-tracker.ts';

// Fake timers: time moves only when the test says so, so a 1000 ms wait takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Resolves after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

test('size counts the tasks in flight', async () => {
  const tracker = new TaskTracker();
  void tracker.run((signal) => sleep(100, signal));
  void tracker.run((signal) => sleep(300, signal));
  expect(tracker.size).toBe(2);
  await vi.advanceTimersByTimeAsync(100);
  expect(tracker.size).toBe(1);
  await vi.advanceTimersByTimeAsync(200);
  expect(tracker.size).toBe(0);
});

test('drain waits for every task and reports every failure in an AggregateError', async () => {
  const tracker = new TaskTracker();
  const first = new Error('first');
  const second = new Error('second');
  void tracker.run(async (signal) => {
    await sleep(200, signal);
    throw first;
  });
  void tracker.run(async (signal) => {
    await sleep(100, signal);
    throw second;
  });
  // Attach the expectation before moving time, so the rejection is handled when it happens.
  const drained = expect(tracker.drain()).rejects.toMatchObject({ errors: [first, second] });
  await vi.advanceTimersByTimeAsync(200);
  await drained;
});

test('shutdown aborts the tasks in flight, waits for them, and refuses new ones', async () => {
  const tracker = new TaskTracker();
  let signalSeen: AbortSignal | undefined;
  void tracker.run(async (signal) => {
    signalSeen = signal;
    await sleep(10_000, signal);
  });
  const stopped = tracker.shutdown();
  expect(signalSeen?.aborted).toBe(true);
  expect(() => tracker.run(async () => 'too late')).toThrow(TrackerClosedError);
  await stopped; // resolves: a task that stops with its signal's reason was cancelled, not failed
  expect(tracker.size).toBe(0);
});
