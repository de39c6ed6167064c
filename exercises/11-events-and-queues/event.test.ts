// Visible tests for Event: a few examples to run with `npm run check -- event` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Event } from './event.ts';

// Fake timers: time moves only when the test says so, so a 100 ms wait takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('set() releases every waiter at once', async () => {
  const event = new Event();
  const start = Date.now();
  const wokeAt: string[] = [];
  for (const name of ['a', 'b', 'c']) {
    void event.wait().then(() => wokeAt.push(`${name} at ${Date.now() - start}`));
  }
  expect(event.nWaiting).toBe(3);
  setTimeout(() => event.set(), 100);
  await vi.advanceTimersByTimeAsync(99);
  expect(wokeAt).toEqual([]); // still waiting
  await vi.advanceTimersByTimeAsync(1);
  expect(wokeAt).toEqual(['a at 100', 'b at 100', 'c at 100']);
  expect(event.nWaiting).toBe(0);
});

test('a set event stays set: a later wait() resolves at once, until clear()', async () => {
  const event = new Event();
  event.set();
  expect(event.isSet()).toBe(true);
  await event.wait(); // does not wait
  event.clear();
  expect(event.isSet()).toBe(false);
  let woke = false;
  void event.wait().then(() => (woke = true));
  await vi.advanceTimersByTimeAsync(1000);
  expect(woke).toBe(false); // waits again after clear()
  event.set();
  await vi.advanceTimersByTimeAsync(0);
  expect(woke).toBe(true);
});

test('set() then clear() at once still releases the waiters that were there', async () => {
  const event = new Event();
  let woke = false;
  void event.wait().then(() => (woke = true));
  event.set();
  event.clear(); // too late to take it back
  await vi.advanceTimersByTimeAsync(0);
  expect(woke).toBe(true);
  expect(event.isSet()).toBe(false);
});

test('an aborted wait() rejects with the reason and stops waiting', async () => {
  const event = new Event();
  const controller = new AbortController();
  const waiting = event.wait({ signal: controller.signal });
  const rejected = expect(waiting).rejects.toThrow('no longer needed'); // attach before aborting
  expect(event.nWaiting).toBe(1);
  controller.abort(new Error('no longer needed'));
  await rejected;
  expect(event.nWaiting).toBe(0);
});

test('a signal that has already aborted rejects at once, even on a set event', async () => {
  const event = new Event();
  event.set();
  await expect(event.wait({ signal: AbortSignal.abort('too late') })).rejects.toBe('too late');
});
