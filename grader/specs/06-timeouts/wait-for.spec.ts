import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/wait-for.ts')>('06-timeouts/wait-for', ['waitFor']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** Work that ignores its signal and resolves with `value` after `ms` of virtual time. */
function stubborn<T>(ms: number, value: T): () => Promise<T> {
  return () => new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** Work that never settles and ignores its signal. */
const never = (): Promise<never> => new Promise(() => {});

/**
 * Cooperative work: resolves with `value` after `ms`, or rejects with `signal.reason` (clearing its
 * timer) when the signal aborts. `seen` records what happened to it.
 */
function cooperative<T>(ms: number, value: T): { fn: (signal: AbortSignal) => Promise<T>; seen: string[]; signals: AbortSignal[] } {
  const seen: string[] = [];
  const signals: AbortSignal[] = [];
  const fn = (signal: AbortSignal): Promise<T> => {
    signals.push(signal);
    seen.push(`called@${clock.now()} aborted=${signal.aborted}`);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        seen.push(`finished@${clock.now()}`);
        resolve(value);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        seen.push(`aborted@${clock.now()}`);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };
  return { fn, seen, signals };
}

/** Work that ignores its signal and rejects with `error` after `ms`. */
function failsAfter(ms: number, error: unknown): () => Promise<never> {
  return () => new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

describe('finishing in time', () => {
  test('resolves with the value of fn when fn finishes first, at the moment it finishes', points(2), async () => {
    const waiting = track(ex.waitFor(stubborn(300, 'done'), 1000));
    await clock.advance(299);
    expect(waiting.state()).toBe('pending');
    await clock.advance(1);
    expect(waiting.outcome()).toEqual({ resolved: 'done', at: 300 });
  });

  test('calls fn once, synchronously, with an AbortSignal that is not aborted', points(2), async () => {
    const work = cooperative(100, 'x');
    const waiting = track(ex.waitFor(work.fn, 1000));
    expect(work.seen).toEqual(['called@0 aborted=false']);
    expect(work.signals[0]).toBeInstanceOf(AbortSignal);
    await clock.advance(100);
    expect(waiting.state()).toBe('resolved');
    expect(work.signals).toHaveLength(1);
  });

  test('leaves no timer behind once fn has succeeded', points(2), async () => {
    const waiting = track(ex.waitFor(stubborn(100, 'ok'), 5000));
    await clock.advance(100);
    expect(waiting.outcome()).toEqual({ resolved: 'ok', at: 100 });
    expect(clock.pendingTimers()).toBe(0);
  });

  test('does not abort the signal of fn after fn has succeeded', async () => {
    const work = cooperative(100, 'ok');
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(100);
    expect(waiting.state()).toBe('resolved');
    await clock.advance(2000);
    expect(work.signals[0]?.aborted).toBe(false);
  });

  test('rejects with the very error fn rejects with, at that moment', points(2), async () => {
    const error = new RangeError('bad input');
    const waiting = track(ex.waitFor(failsAfter(200, error), 1000));
    await clock.advance(200);
    expect(waiting.state()).toBe('rejected');
    expect(waiting.settledAt()).toBe(200);
    expect(waiting.value()).toBe(error);
  });

  test('leaves no timer behind once fn has failed, and does not abort its signal', async () => {
    let signal: AbortSignal | undefined;
    const waiting = track(
      ex.waitFor((s) => {
        signal = s;
        return failsAfter(200, new Error('nope'))();
      }, 1000),
    );
    await clock.advance(200);
    expect(waiting.state()).toBe('rejected');
    expect(clock.pendingTimers()).toBe(0);
    expect(signal?.aborted).toBe(false);
  });

  test('a synchronous throw in fn becomes a rejection with that error, and leaves no timer', async () => {
    const error = new Error('thrown at once');
    let waiting: Promise<unknown> | undefined;
    expect(() => {
      waiting = ex.waitFor(() => {
        throw error;
      }, 1000);
    }).not.toThrow();
    const outcome = track(waiting!);
    await clock.settle();
    expect(outcome.state()).toBe('rejected');
    expect(outcome.value()).toBe(error);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('timing out', () => {
  test('rejects at exactly ms with a DOMException named TimeoutError, not a millisecond earlier', points(3), async () => {
    const waiting = track(ex.waitFor(never, 1000));
    await clock.advance(999);
    expect(waiting.state()).toBe('pending');
    await clock.advance(1);
    expect(waiting.state()).toBe('rejected');
    expect(waiting.settledAt()).toBe(1000);
    expect(waiting.value()).toBeInstanceOf(DOMException);
    expect((waiting.value() as DOMException).name).toBe('TimeoutError');
  });

  test('aborts the signal of fn at that moment, with the timeout error as its reason', points(2), async () => {
    const work = cooperative(5000, 'late');
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(999);
    expect(work.signals[0]?.aborted).toBe(false);
    await clock.advance(1);
    expect(work.signals[0]?.aborted).toBe(true);
    expect(work.seen).toEqual(['called@0 aborted=false', 'aborted@1000']);
    expect(waiting.state()).toBe('rejected');
    expect(work.signals[0]?.reason).toBe(waiting.value());
  });

  test('aborts the signal before it rejects', async () => {
    const work = cooperative(5000, 'late');
    const abortedWhenRejected = ex.waitFor(work.fn, 1000).then(
      () => 'resolved',
      () => work.signals[0]?.aborted,
    );
    await clock.advance(1000);
    expect(await abortedWhenRejected).toBe(true);
  });

  test('does not wait for fn to react: rejects at ms even when fn ignores its signal', points(2), async () => {
    const waiting = track(ex.waitFor(stubborn(5000, 'much later'), 1000));
    await clock.advance(1000);
    expect(waiting.state()).toBe('rejected');
    expect(waiting.settledAt()).toBe(1000);
    await clock.advance(4000);
    expect((waiting.value() as DOMException).name).toBe('TimeoutError');
  });

  test('work that listens to its signal stops at the timeout, and no timer is left', points(2), async () => {
    const work = cooperative(5000, 'late');
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(1000);
    expect(waiting.state()).toBe('rejected');
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(5000);
    expect(work.seen).not.toContain('finished@5000');
  });

  test('a rejection of fn after the timeout is not an unhandled rejection', points(2), async () => {
    const waiting = track(ex.waitFor(failsAfter(3000, new Error('too late to matter')), 1000));
    await clock.advance(1000);
    expect(waiting.state()).toBe('rejected');
    await clock.advance(2000);
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('a timeout of 0 lets a promise that is already resolved win', async () => {
    const waiting = track(ex.waitFor(() => Promise.resolve('ready'), 0));
    await clock.settle();
    expect(waiting.outcome()).toEqual({ resolved: 'ready', at: 0 });
  });

  test('a timeout of 0 or less times out slower work on the next turn, without time passing', async () => {
    const zero = track(ex.waitFor(stubborn(10, 'x'), 0));
    const negative = track(ex.waitFor(stubborn(10, 'y'), -100));
    await clock.settle();
    expect([zero.state(), negative.state()]).toEqual(['rejected', 'rejected']);
    expect([zero.settledAt(), negative.settledAt()]).toEqual([0, 0]);
    expect((negative.value() as DOMException).name).toBe('TimeoutError');
  });
});

describe('cancelling from outside', () => {
  test('aborting options.signal rejects with its reason at that moment and aborts fn with the same reason', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const work = cooperative(5000, 'late');
    const waiting = track(ex.waitFor(work.fn, 1000, { signal: controller.signal }));
    await clock.advance(300);
    controller.abort(reason);
    await clock.settle();
    expect(waiting.state()).toBe('rejected');
    expect(waiting.settledAt()).toBe(300);
    expect(waiting.value()).toBe(reason);
    expect(work.signals[0]?.reason).toBe(reason);
    expect(work.seen).toContain('aborted@300');
  });

  test('clears its timer when options.signal aborts', async () => {
    const controller = new AbortController();
    const waiting = track(ex.waitFor(never, 1000, { signal: controller.signal }));
    await clock.advance(300);
    controller.abort();
    await clock.settle();
    expect(waiting.state()).toBe('rejected');
    expect(clock.pendingTimers()).toBe(0);
  });

  test('an already-aborted options.signal rejects at once with its reason, without calling fn or starting a timer', points(2), async () => {
    const reason = new Error('cancelled before the start');
    let calls = 0;
    const waiting = track(
      ex.waitFor(
        () => {
          calls++;
          return never();
        },
        1000,
        { signal: AbortSignal.abort(reason) },
      ),
    );
    expect(clock.pendingTimers()).toBe(0);
    await clock.settle();
    expect(waiting.outcome()).toEqual({ rejected: reason, at: 0 });
    expect(calls).toBe(0);
  });

  test('removes its listener from options.signal whichever way it ends: success, failure or timeout', points(2), async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const succeeded = track(ex.waitFor(stubborn(100, 'ok'), 1000, { signal }));
    await clock.advance(100);
    expect(succeeded.state()).toBe('resolved');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);

    const failed = track(ex.waitFor(failsAfter(100, new Error('nope')), 1000, { signal }));
    await clock.advance(100);
    expect(failed.state()).toBe('rejected');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);

    const timedOut = track(ex.waitFor(never, 100, { signal }));
    await clock.advance(100);
    expect(timedOut.state()).toBe('rejected');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  test('aborting options.signal after waitFor has settled changes nothing', async () => {
    const controller = new AbortController();
    const work = cooperative(100, 'kept');
    const waiting = track(ex.waitFor(work.fn, 1000, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expect(waiting.outcome()).toEqual({ resolved: 'kept', at: 100 });
    expect(work.signals[0]?.aborted).toBe(false);
  });
});
