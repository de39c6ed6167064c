// Visible tests for task: a few examples to run with `npm run check -- task` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { CancelledError, InvalidStateError, createTask } from './task.ts';

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

test('a task runs its function and can be awaited for the result', async () => {
  const task = createTask(async (signal) => {
    await sleep(1000, signal);
    return 42;
  });
  expect(task.done()).toBe(false);
  await vi.advanceTimersByTimeAsync(1000);
  expect(task.done()).toBe(true);
  expect(task.result()).toBe(42);
  expect(await task).toBe(42);
});

test('result() of a task that is not done yet throws InvalidStateError', () => {
  const task = createTask(async (signal) => {
    await sleep(1000, signal);
    return 'later';
  });
  expect(() => task.result()).toThrow(InvalidStateError);
  task.cancel();
});

test('cancel() aborts the signal and the task rejects with CancelledError', async () => {
  let signalSeen: AbortSignal | undefined;
  const task = createTask(async (signal) => {
    signalSeen = signal;
    await sleep(1000, signal);
    return 'finished';
  });
  await vi.advanceTimersByTimeAsync(100); // let the task start and run for a while
  expect(task.cancel()).toBe(true);
  expect(signalSeen?.aborted).toBe(true);
  expect(task.cancelled()).toBe(true);
  await expect(task).rejects.toBeInstanceOf(CancelledError);
});
