// Visible tests for shield: a few examples to run with `npm run check -- shield` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { shield } from './shield.ts';

// Fake timers: time moves only when the test says so, so a 1 s save takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// Work that must not be interrupted: it takes 1 s and is given no signal.
function saveOrder(): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve('order saved'), 1000));
}

test('resolves with the value of the work when nobody cancels the wait', async () => {
  const waiting = shield(saveOrder(), new AbortController().signal);
  await vi.advanceTimersByTimeAsync(1000);
  await expect(waiting).resolves.toBe('order saved');
});

test('cancelling the wait rejects with the reason, and the work still finishes', async () => {
  const controller = new AbortController();
  const saving = saveOrder();
  const waiting = shield(saving, controller.signal);
  const rejected = expect(waiting).rejects.toThrow('client went away');
  await vi.advanceTimersByTimeAsync(200);
  controller.abort(new Error('client went away'));
  await rejected;
  await vi.advanceTimersByTimeAsync(800);
  await expect(saving).resolves.toBe('order saved');
});
