// The spec kit's virtual clock, which every spec's verdict rests on.
import { describe, expect, test } from 'vitest';
import { later, sleep, useVirtualTime } from '../spec-kit/index.ts';

describe('useVirtualTime', () => {
  const clock = useVirtualTime();

  test('each test starts at virtual time 0 and time moves only when advanced', async () => {
    expect(clock.now()).toBe(0);
    const value = later(1000, 'x');
    let seen: string | undefined;
    void value.then((v) => (seen = v));
    await clock.advance(999);
    expect(seen).toBeUndefined();
    await clock.advance(1);
    expect(seen).toBe('x');
    expect(clock.now()).toBe(1000);
  });

  test('timersStarted counts timers created, even ones cleared at once; pendingTimers only live ones', () => {
    expect(clock.timersStarted()).toBe(0);
    clearTimeout(setTimeout(() => {}, 10));
    setImmediate(() => {});
    clearInterval(setInterval(() => {}, 5));
    expect(clock.timersStarted()).toBe(3);
    expect(clock.pendingTimers()).toBe(1);
  });

  test('the spec kit’s own sleep is cancelled by its signal and leaves no timer', async () => {
    const controller = new AbortController();
    const sleeping = sleep(100, controller.signal);
    const rejected = expect(sleeping).rejects.toBe('stop');
    controller.abort('stop');
    await rejected;
    expect(clock.pendingTimers()).toBe(0);
  });
});
