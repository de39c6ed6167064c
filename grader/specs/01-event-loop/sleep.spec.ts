import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { loadExercise, points, track, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/01-event-loop/sleep.ts')>('01-event-loop/sleep', ['sleep']);
const clock = useVirtualTime();

describe('waiting', () => {
  test('resolves after exactly ms of virtual time, not a millisecond earlier', points(2), async () => {
    const sleeping = track(ex.sleep(1500));
    await clock.advance(1499);
    expect(sleeping.state()).toBe('pending');
    await clock.advance(1);
    expect(sleeping.state()).toBe('resolved');
    expect(sleeping.settledAt()).toBe(1500);
  });

  test('resolves with undefined', async () => {
    const sleeping = ex.sleep(10);
    await clock.advance(10);
    await expect(sleeping).resolves.toBeUndefined();
  });

  test('returns a promise at once and does not block the caller', async () => {
    const sleeping = ex.sleep(100);
    expect(sleeping).toBeInstanceOf(Promise);
    expect(clock.now()).toBe(0);
    await clock.advance(100);
    await sleeping;
  });

  test('sleeps started together run concurrently: 100, 300 and 200 ms take 300 ms in all', points(2), async () => {
    const finished: string[] = [];
    const all = Promise.all(
      [
        ['a', 100],
        ['b', 300],
        ['c', 200],
      ].map(async ([name, ms]) => {
        await ex.sleep(ms as number);
        finished.push(`${name}@${clock.now()}`);
      }),
    );
    await clock.advance(300);
    await all;
    expect(finished).toEqual(['a@100', 'c@200', 'b@300']);
  });

  test('a delay of 0 or less resolves on the next turn of the event loop, not synchronously', async () => {
    let zero = false;
    let negative = false;
    void ex.sleep(0).then(() => (zero = true));
    void ex.sleep(-50).then(() => (negative = true));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect([zero, negative]).toEqual([false, false]);
    await clock.advance(1);
    expect([zero, negative]).toEqual([true, true]);
  });

  test('leaves no timer behind once it has resolved', async () => {
    const sleeping = ex.sleep(50);
    await clock.advance(50);
    await sleeping;
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('cancelling with a signal', () => {
  test('rejects with signal.reason at the moment the signal aborts', points(2), async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(1000, { signal: controller.signal });
    const outcome = track(sleeping);
    const caught = sleeping.then(() => 'resolved', (error: unknown) => error);
    await clock.advance(400);
    expect(outcome.state()).toBe('pending');
    controller.abort();
    await clock.settle();
    expect(outcome.settledAt()).toBe(400);
    expect(await caught).toBe(controller.signal.reason);
  });

  test('rejects with the exact reason object given to abort()', async () => {
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    const sleeping = ex.sleep(1000, { signal: controller.signal });
    const rejected = expect(sleeping).rejects.toBe(reason);
    await clock.advance(10);
    controller.abort(reason);
    await rejected;
  });

  test('the default reason is a DOMException named AbortError', async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(1000, { signal: controller.signal });
    const rejected = expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
    controller.abort();
    await rejected;
  });

  test('clears its timer when aborted, leaving no timer behind', points(2), async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(1000, { signal: controller.signal });
    const rejected = expect(sleeping).rejects.toBeDefined();
    await clock.advance(100);
    controller.abort();
    await rejected;
    expect(clock.pendingTimers()).toBe(0);
  });

  test('an already-aborted signal rejects at once without starting a timer', points(2), async () => {
    const reason = new Error('too late');
    const sleeping = ex.sleep(1000, { signal: AbortSignal.abort(reason) });
    const outcome = track(sleeping);
    expect(clock.pendingTimers()).toBe(0);
    await clock.settle();
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(0);
    await expect(sleeping).rejects.toBe(reason);
  });

  test('removes its abort listener once it has resolved', points(2), async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(100, { signal: controller.signal });
    await clock.advance(100);
    await sleeping;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('a signal reused for many sleeps does not pile up listeners', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) {
      const sleeping = ex.sleep(10, { signal: controller.signal });
      await clock.advance(10);
      await sleeping;
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('aborting after the sleep has resolved changes nothing', async () => {
    const controller = new AbortController();
    const sleeping = ex.sleep(100, { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  test('aborting one signal cancels only the sleep that uses it', async () => {
    const controller = new AbortController();
    const cancelled = ex.sleep(100, { signal: controller.signal });
    const other = track(ex.sleep(100));
    const rejected = expect(cancelled).rejects.toBeDefined();
    controller.abort();
    await rejected;
    await clock.advance(100);
    expect(other.state()).toBe('resolved');
  });
});
