// The one virtual clock for specs. Every spec that involves time calls useVirtualTime() once at
// the top; each test then starts at virtual time 0 with fake timers, and the fakes are removed
// after it. Time moves only when the spec moves it, so a three-second example takes
// microseconds and gives the same verdict on a loaded machine.
import { setImmediate as realSetImmediate } from 'node:timers';
import { afterEach, beforeEach, vi } from 'vitest';

export interface VirtualClock {
  /** Virtual milliseconds since the test started. */
  now(): number;
  /** Moves virtual time forward by `ms`, running due timers and the microtasks they queue. */
  advance(ms: number): Promise<void>;
  /** Runs the microtasks queued so far, and timers due now (delay 0), without moving time. */
  settle(): Promise<void>;
  /** Runs timers until none is left (at most 10 000, so a timer loop fails instead of hanging). */
  runAll(): Promise<void>;
  /** Timers scheduled and not yet fired or cleared: a finished operation should leave 0. */
  pendingTimers(): number;
  /**
   * Timers created since the test started (setTimeout, setInterval and setImmediate calls), cleared
   * or not: a timer created and cleared at once still counts, so "no timer is started" is testable.
   */
  timersStarted(): number;
}

export function useVirtualTime(): VirtualClock {
  let started = 0;
  beforeEach(() => {
    vi.useFakeTimers({
      now: 0,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date', 'performance'],
    });
    // Count every timer the code under test creates. useRealTimers puts the real functions back,
    // so these wrappers live exactly as long as the fakes they wrap.
    started = 0;
    for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
      const fake = globalThis[name] as (...args: unknown[]) => unknown;
      const counting = (...args: unknown[]) => {
        started++;
        return fake(...args);
      };
      globalThis[name] = Object.assign(counting, fake) as never;
    }
  });
  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
  });
  return {
    now: () => Date.now(),
    advance: async (ms) => {
      await vi.advanceTimersByTimeAsync(ms);
    },
    settle: async () => {
      await vi.advanceTimersByTimeAsync(0);
    },
    runAll: async () => {
      await vi.runAllTimersAsync();
    },
    pendingTimers: () => vi.getTimerCount(),
    timersStarted: () => started,
  };
}

/** Waits for one turn of the real event loop, which fake timers do not control. */
export function realTick(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/**
 * The spec's own `sleep`, for building fake work: resolves after `ms` (of virtual time, under
 * useVirtualTime), or rejects with `signal.reason` when `signal` aborts, leaving nothing behind.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A promise that resolves with `value` after `ms` (of virtual time, under useVirtualTime). */
export function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** A promise that rejects with `error` after `ms` (of virtual time, under useVirtualTime). */
export function failLater(ms: number, error: unknown): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

/** A promise settled by hand, either way, with no timer: `const d = deferred<string>(); d.resolve('x')`. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}
