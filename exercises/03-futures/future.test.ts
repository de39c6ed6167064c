// Visible tests for future: a few examples to run with `npm run check -- future` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { CancelledError, Future, InvalidStateError } from './future.ts';

// Fake timers: time moves only when the test says so.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('await waits until someone calls setResult, then gives the value', async () => {
  const future = new Future<string>();
  setTimeout(() => future.setResult('hello'), 1000);
  expect(future.done()).toBe(false);

  const awaited = (async () => await future)();
  await vi.advanceTimersByTimeAsync(1000);
  expect(future.done()).toBe(true);
  expect(future.result()).toBe('hello');
  await expect(awaited).resolves.toBe('hello');
});

test('a future is settled once: result() too early and a second setResult both throw InvalidStateError', () => {
  const future = new Future<number>();
  expect(() => future.result()).toThrow(InvalidStateError);
  future.setResult(1);
  expect(() => future.setResult(2)).toThrow(InvalidStateError);
  expect(future.result()).toBe(1);
});

test('done callbacks run in the order they were added, soon after completion but not during it', async () => {
  const future = new Future<number>();
  const calls: string[] = [];
  future.addDoneCallback((f) => calls.push(`first saw ${f.result()}`));
  future.addDoneCallback((f) => calls.push(`second saw ${f.result()}`));
  future.setResult(7);
  expect(calls).toEqual([]); // queued as microtasks, not called inside setResult
  await Promise.resolve();
  expect(calls).toEqual(['first saw 7', 'second saw 7']);
});

test('cancel: awaiting a cancelled future rejects with CancelledError', async () => {
  const future = new Future<number>();
  expect(future.cancel('no longer needed')).toBe(true);
  expect(future.cancelled()).toBe(true);
  expect(future.cancel()).toBe(false); // already done
  await expect(future).rejects.toThrow(CancelledError);
});
