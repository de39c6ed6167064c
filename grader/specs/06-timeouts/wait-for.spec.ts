// Hidden spec of waitFor(fn, ms, { signal }).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. The limit is measured with setTimeout (the virtual clock moves it).
//       - every timing test below (they run on the virtual clock only)
//  2. waitFor creates its own AbortController and calls fn once, synchronously, before it returns,
//     with that controller's signal, not aborted yet; never options.signal itself.
//       - calls fn once, synchronously, with an AbortSignal that is not aborted
//       - fn gets a signal of waitFor's own even when options.signal is given, and the timeout aborts it
//  3. fn's promise (any thenable) resolves first: waitFor resolves with its value.
//       - resolves with the value of fn when fn finishes first, at the moment it finishes
//       - resolves with falsy values as they are: undefined, 0, an empty string, null
//       - fn may return any thenable, not only a Promise
//  4. It rejects first: waitFor rejects with the very same error, whatever it is.
//       - rejects with the very error fn rejects with, at that moment
//       - rejects with what fn rejects with even when it is not an Error: undefined, null, a string
//       - fn may return any thenable, not only a Promise
//  5. fn throws synchronously: waitFor rejects with what it threw, and never throws itself.
//       - a synchronous throw in fn becomes a rejection with what was thrown, even a non-Error
//  6. On these three paths the signal given to fn is never aborted.
//       - does not abort the signal of fn after fn has succeeded
//       - leaves no timer behind once fn has failed, and does not abort its signal
//       - a synchronous throw leaves fn's signal unaborted, and no timer or listener behind
//  7. Timeout: a DOMException named TimeoutError, fn's signal aborted with it as reason, then a
//     rejection with that same object, at exactly ms.
//       - rejects at exactly ms with a DOMException named TimeoutError, not a millisecond earlier
//       - aborts the signal of fn at that moment, with the timeout error as its reason
//       - aborts the signal before it rejects
//  8. It does not wait for fn to react: whatever fn's promise does from the abort on is ignored,
//     even a rejection at once inside its abort listener; a later rejection is not unhandled.
//       - does not wait for fn to react: rejects at ms even when fn ignores its signal
//       - rejects with the TimeoutError even when fn rejects with its own error inside its abort listener
//       - work that listens to its signal stops at the timeout, and no timer is left
//       - a rejection of fn after the timeout is not an unhandled rejection
//     (A tie, fn settling at exactly ms, may go either way: no test relies on one.)
//  9. ms of 0 or less: until the next turn of the event loop. Already settled, or settling in a
//     microtask of the current turn, wins; anything that needs a timer times out.
//       - a timeout of 0 or less lets a promise that is already settled win, either way
//       - a timeout of 0 lets a promise that settles a few microtasks later win
//       - a timeout of 0 or less times out slower work on the next turn, without time passing
// 10. options.signal already aborted: rejects with its reason at once, without calling fn and
//     without starting a timer (not even one cleared at once).
//       - an already-aborted options.signal rejects at once with its reason, without calling fn or starting a timer
//       - an already-aborted options.signal rejects with its reason as it is: a string, null, 0
// 11. options.signal aborts while waiting: fn's signal is aborted with the same reason, waitFor
//     rejects with that reason at that moment, and what fn's promise does from then on is ignored.
//       - aborting options.signal rejects with its reason at that moment and aborts fn with the same reason
//       - aborting options.signal rejects with its reason even when fn rejects with its own error inside its abort listener
//       - aborting options.signal with a reason that is not an Error rejects with that very reason
// 12. Nothing is left behind on any path: the timer is cleared once waitFor settles, its listener
//     on options.signal is removed, no rejection of fn's promise is unhandled.
//       - leaves no timer behind once fn has succeeded
//       - leaves no timer behind once fn has failed, and does not abort its signal
//       - a synchronous throw leaves fn's signal unaborted, and no timer or listener behind
//       - clears its timer when options.signal aborts
//       - removes its listener from options.signal whichever way it ends: success, failure or timeout
//       - removes its listener from options.signal after an outer abort too
//       - a rejection of fn after options.signal aborted is not an unhandled rejection
//       - aborting options.signal after waitFor has settled changes nothing
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime, type Tracked } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/wait-for.ts')>('06-timeouts/wait-for', ['waitFor']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** How a tracked waitFor stands, in words, for failure messages. */
function describeOutcome(tracked: Tracked<unknown>): string {
  const outcome = tracked.outcome();
  if (outcome === 'pending') return 'waitFor is still pending';
  if ('resolved' in outcome) return `waitFor resolved at ${outcome.at} ms with ${show(outcome.resolved)}`;
  return `waitFor rejected at ${outcome.at} ms with ${show(outcome.rejected)}`;
}

function show(value: unknown): string {
  if (value instanceof DOMException) return `a DOMException named ${value.name}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Work that ignores its signal and resolves with `value` after `ms` of virtual time. */
function stubborn<T>(ms: number, value: T): () => Promise<T> {
  return () => new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** Work that never settles and ignores its signal. */
const never = (): Promise<never> => new Promise(() => {});

/**
 * Cooperative work: resolves with `value` after `ms`, or rejects (clearing its timer) when the
 * signal aborts, with `signal.reason`, or with `ownError` when one is given: it rejects at once,
 * inside its abort listener. `seen` records what happened to it.
 */
function cooperative<T>(ms: number, value: T, ownError?: unknown): { fn: (signal: AbortSignal) => Promise<T>; seen: string[]; signals: AbortSignal[] } {
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
        reject(ownError ?? signal.reason);
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

/** `promise` seen through a thenable that has only `then` (no catch, no finally), whose `then` returns another such thenable. */
function bare<T>(promise: PromiseLike<T>): PromiseLike<T> {
  return {
    then: (onFulfilled, onRejected) => bare(promise.then(onFulfilled, onRejected)),
  };
}

/** A thenable that is not a Promise and settles after `ms`. */
function thenableAfter<T>(ms: number, outcome: { value: T } | { error: unknown }): PromiseLike<T> {
  return bare(new Promise<T>((resolve, reject) => setTimeout(() => ('value' in outcome ? resolve(outcome.value) : reject(outcome.error)), ms)));
}

describe('finishing in time', () => {
  test('resolves with the value of fn when fn finishes first, at the moment it finishes', points(2), async () => {
    const waiting = track(ex.waitFor(stubborn(300, 'done'), 1000));
    await clock.advance(299);
    expect(waiting.state(), 'fn finishes at 300 ms: waitFor should still be pending at 299 ms').toBe('pending');
    await clock.advance(1);
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ resolved: 'done', at: 300 });
  });

  test('calls fn once, synchronously, with an AbortSignal that is not aborted', points(2), async () => {
    const work = cooperative(100, 'x');
    const waiting = track(ex.waitFor(work.fn, 1000));
    expect(work.seen, 'fn should have been called once, before waitFor returned, with a signal not yet aborted').toEqual(['called@0 aborted=false']);
    expect(work.signals[0]).toBeInstanceOf(AbortSignal);
    await clock.advance(100);
    expect(waiting.state(), describeOutcome(waiting)).toBe('resolved');
    expect(work.signals, 'fn should be called exactly once').toHaveLength(1);
  });

  test("fn gets a signal of waitFor's own even when options.signal is given, and the timeout aborts it", async () => {
    const outer = new AbortController();
    const work = cooperative(5000, 'late');
    const waiting = track(ex.waitFor(work.fn, 1000, { signal: outer.signal }));
    expect(work.signals[0], 'fn should get the signal of an AbortController of waitFor, not options.signal').not.toBe(outer.signal);
    await clock.advance(1000);
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(work.signals[0]?.aborted, "fn's signal should be aborted by the timeout").toBe(true);
    expect(outer.signal.aborted, 'options.signal belongs to the caller: waitFor cannot abort it').toBe(false);
  });

  test('leaves no timer behind once fn has succeeded', points(2), async () => {
    const waiting = track(ex.waitFor(stubborn(100, 'ok'), 5000));
    await clock.advance(100);
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ resolved: 'ok', at: 100 });
    expect(clock.pendingTimers(), 'timers still pending after waitFor resolved (the 5000 ms timer should be cleared)').toBe(0);
  });

  test('does not abort the signal of fn after fn has succeeded', async () => {
    const work = cooperative(100, 'ok');
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(100);
    expect(waiting.state(), describeOutcome(waiting)).toBe('resolved');
    await clock.advance(2000);
    expect(work.signals[0]?.aborted, "fn succeeded: its signal should never be aborted").toBe(false);
  });

  test('resolves with falsy values as they are: undefined, 0, an empty string, null', async () => {
    const values = [undefined, 0, '', null];
    const waits = values.map((value) => track(ex.waitFor(stubborn(100, value), 1000)));
    await clock.advance(100);
    for (const [i, waiting] of waits.entries()) {
      expect(waiting.outcome(), `fn resolved with ${show(values[i])} at 100 ms, but ${describeOutcome(waiting)}`).toEqual({ resolved: values[i], at: 100 });
    }
    expect(clock.pendingTimers(), 'timers still pending after every waitFor resolved').toBe(0);
  });

  test('rejects with the very error fn rejects with, at that moment', points(2), async () => {
    const error = new RangeError('bad input');
    const waiting = track(ex.waitFor(failsAfter(200, error), 1000));
    await clock.advance(200);
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(waiting.settledAt()).toBe(200);
    expect(waiting.value(), 'waitFor should reject with the very error object of fn, unchanged').toBe(error);
  });

  test('rejects with what fn rejects with even when it is not an Error: undefined, null, a string', async () => {
    const errors = [undefined, null, 'plain string', { code: 42 }];
    const waits = errors.map((error) => track(ex.waitFor(failsAfter(100, error), 1000)));
    await clock.advance(100);
    for (const [i, waiting] of waits.entries()) {
      expect(waiting.outcome(), `fn rejected with ${show(errors[i])} at 100 ms, but ${describeOutcome(waiting)}`).toEqual({ rejected: errors[i], at: 100 });
      expect(waiting.value()).toBe(errors[i]);
    }
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
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(clock.pendingTimers(), 'timers still pending after fn failed').toBe(0);
    expect(signal?.aborted, "fn failed by itself: its signal should not be aborted").toBe(false);
  });

  test('a synchronous throw in fn becomes a rejection with what was thrown, even a non-Error', async () => {
    for (const thrown of [new Error('thrown at once'), 'a string', undefined]) {
      let waiting: Promise<unknown> | undefined;
      expect(() => {
        waiting = ex.waitFor(() => {
          throw thrown;
        }, 1000);
      }, 'waitFor should never throw: a throw in fn becomes a rejection').not.toThrow();
      const outcome = track(waiting!);
      await clock.settle();
      expect(outcome.outcome(), `fn threw ${show(thrown)}, but ${describeOutcome(outcome)}`).toEqual({ rejected: thrown, at: 0 });
    }
  });

  test("a synchronous throw leaves fn's signal unaborted, and no timer or listener behind", async () => {
    const outer = new AbortController();
    let signal: AbortSignal | undefined;
    const waiting = track(
      ex.waitFor(
        (s) => {
          signal = s;
          throw new Error('thrown at once');
        },
        1000,
        { signal: outer.signal },
      ),
    );
    await clock.settle();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(signal?.aborted, "fn threw by itself: its signal should not be aborted").toBe(false);
    expect(clock.pendingTimers(), 'timers still pending after fn threw').toBe(0);
    expect(listeners(outer.signal), 'abort listeners left on options.signal after fn threw').toBe(0);
  });

  test('fn may return any thenable, not only a Promise', async () => {
    const error = new Error('from a thenable');
    const resolved = track(ex.waitFor(() => thenableAfter(100, { value: 'from a thenable' }), 1000));
    const rejected = track(ex.waitFor(() => thenableAfter(100, { error }), 1000));
    await clock.advance(100);
    expect(resolved.outcome(), describeOutcome(resolved)).toEqual({ resolved: 'from a thenable', at: 100 });
    expect(rejected.outcome(), describeOutcome(rejected)).toEqual({ rejected: error, at: 100 });
    expect(clock.pendingTimers(), 'timers still pending after both settled').toBe(0);
  });
});

describe('timing out', () => {
  test('rejects at exactly ms with a DOMException named TimeoutError, not a millisecond earlier', points(3), async () => {
    const waiting = track(ex.waitFor(never, 1000));
    await clock.advance(999);
    expect(waiting.state(), 'the limit is 1000 ms: waitFor should still be pending at 999 ms').toBe('pending');
    await clock.advance(1);
    expect(waiting.state(), `the limit is 1000 ms, and by then ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.settledAt()).toBe(1000);
    expect(waiting.value(), `the timeout error should be a DOMException, got ${show(waiting.value())}`).toBeInstanceOf(DOMException);
    expect((waiting.value() as DOMException).name).toBe('TimeoutError');
  });

  test('aborts the signal of fn at that moment, with the timeout error as its reason', points(2), async () => {
    const work = cooperative(5000, 'late');
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(999);
    expect(work.signals[0]?.aborted, "fn's signal should not be aborted before 1000 ms").toBe(false);
    await clock.advance(1);
    expect(work.signals[0]?.aborted, "fn's signal should be aborted at 1000 ms").toBe(true);
    expect(work.seen).toEqual(['called@0 aborted=false', 'aborted@1000']);
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(work.signals[0]?.reason, "the reason of fn's signal should be the very error waitFor rejects with").toBe(waiting.value());
  });

  test('aborts the signal before it rejects', async () => {
    const work = cooperative(5000, 'late');
    const abortedWhenRejected = ex.waitFor(work.fn, 1000).then(
      () => 'resolved',
      () => work.signals[0]?.aborted,
    );
    await clock.advance(1000);
    expect(await abortedWhenRejected, "when waitFor rejects, fn's signal should already be aborted").toBe(true);
  });

  test('rejects with the TimeoutError even when fn rejects with its own error inside its abort listener', points(2), async () => {
    const own = new Error('fn cleaned up and failed');
    const work = cooperative(5000, 'late', own);
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(1000);
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(waiting.value(), `fn's own rejection comes after the abort and must be ignored, but ${describeOutcome(waiting)}`).toBe(work.signals[0]?.reason);
    expect((waiting.value() as DOMException).name).toBe('TimeoutError');
  });

  test('does not wait for fn to react: rejects at ms even when fn ignores its signal', points(2), async () => {
    const waiting = track(ex.waitFor(stubborn(5000, 'much later'), 1000));
    await clock.advance(1000);
    expect(waiting.state(), `the limit is 1000 ms, and by then ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.settledAt()).toBe(1000);
    await clock.advance(4000);
    expect((waiting.value() as DOMException).name, 'a late value of fn must not change the outcome').toBe('TimeoutError');
  });

  test('work that listens to its signal stops at the timeout, and no timer is left', points(2), async () => {
    const work = cooperative(5000, 'late');
    const waiting = track(ex.waitFor(work.fn, 1000));
    await clock.advance(1000);
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(clock.pendingTimers(), 'timers still pending after the timeout').toBe(0);
    await clock.advance(5000);
    expect(work.seen).not.toContain('finished@5000');
  });

  test('a rejection of fn after the timeout is not an unhandled rejection', points(2), async () => {
    const waiting = track(ex.waitFor(failsAfter(3000, new Error('too late to matter')), 1000));
    await clock.advance(1000);
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    await clock.advance(2000);
    await realTick();
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('a timeout of 0 or less lets a promise that is already settled win, either way', async () => {
    const error = new Error('already failed');
    const resolved = track(ex.waitFor(() => Promise.resolve('ready'), 0));
    const rejected = track(ex.waitFor(() => Promise.reject(error), 0));
    const negative = track(ex.waitFor(() => Promise.resolve('ready too'), -100));
    await clock.settle();
    expect(resolved.outcome(), `ms 0 and a resolved promise: ${describeOutcome(resolved)}`).toEqual({ resolved: 'ready', at: 0 });
    expect(rejected.outcome(), `ms 0 and a rejected promise: ${describeOutcome(rejected)}`).toEqual({ rejected: error, at: 0 });
    expect(negative.outcome(), `ms -100 and a resolved promise: ${describeOutcome(negative)}`).toEqual({ resolved: 'ready too', at: 0 });
  });

  test('a timeout of 0 lets a promise that settles a few microtasks later win', async () => {
    const waiting = track(
      ex.waitFor(async () => {
        for (let i = 0; i < 10; i++) await null;
        return 'soon';
      }, 0),
    );
    await clock.settle();
    expect(waiting.outcome(), `work that settles in the current turn should beat ms 0, but ${describeOutcome(waiting)}`).toEqual({ resolved: 'soon', at: 0 });
  });

  test('a timeout of 0 or less times out slower work on the next turn, without time passing', async () => {
    const zero = track(ex.waitFor(stubborn(10, 'x'), 0));
    const negative = track(ex.waitFor(stubborn(10, 'y'), -100));
    await clock.settle();
    expect([zero.state(), negative.state()], 'ms 0 and ms -100 should both have timed out').toEqual(['rejected', 'rejected']);
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
    expect(waiting.state(), `options.signal aborted at 300 ms, but ${describeOutcome(waiting)}`).toBe('rejected');
    expect(waiting.settledAt()).toBe(300);
    expect(waiting.value(), 'waitFor should reject with the very reason of options.signal').toBe(reason);
    expect(work.signals[0]?.reason, "fn's signal should be aborted with the same reason").toBe(reason);
    expect(work.seen).toContain('aborted@300');
  });

  test('aborting options.signal rejects with its reason even when fn rejects with its own error inside its abort listener', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const work = cooperative(5000, 'late', new Error('fn cleaned up and failed'));
    const waiting = track(ex.waitFor(work.fn, 1000, { signal: controller.signal }));
    await clock.advance(300);
    controller.abort(reason);
    await clock.settle();
    expect(waiting.outcome(), `fn's own rejection comes after the abort and must be ignored, but ${describeOutcome(waiting)}`).toEqual({ rejected: reason, at: 300 });
  });

  test('aborting options.signal with a reason that is not an Error rejects with that very reason', async () => {
    for (const reason of ['stop', null, 0]) {
      const controller = new AbortController();
      const work = cooperative(5000, 'late');
      const waiting = track(ex.waitFor(work.fn, 1000, { signal: controller.signal }));
      await clock.advance(100);
      controller.abort(reason);
      await clock.settle();
      expect(waiting.value(), `abort(${show(reason)}): ${describeOutcome(waiting)}`).toBe(reason);
      expect(work.signals[0]?.reason, `abort(${show(reason)}): fn's signal should carry the same reason`).toBe(reason);
    }
  });

  test('clears its timer when options.signal aborts', async () => {
    const controller = new AbortController();
    const waiting = track(ex.waitFor(never, 1000, { signal: controller.signal }));
    await clock.advance(300);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(clock.pendingTimers(), 'the 1000 ms timer should be cleared when options.signal aborts').toBe(0);
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
    expect(clock.timersStarted(), 'timers started for an already-aborted options.signal (even one cleared at once counts)').toBe(0);
    await clock.settle();
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ rejected: reason, at: 0 });
    expect(calls, 'fn should not be called').toBe(0);
  });

  test('an already-aborted options.signal rejects with its reason as it is: a string, null, 0', async () => {
    for (const reason of ['stop', null, 0]) {
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
      await clock.settle();
      expect(waiting.outcome(), `AbortSignal.abort(${show(reason)}): ${describeOutcome(waiting)}`).toEqual({ rejected: reason, at: 0 });
      expect(calls, `AbortSignal.abort(${show(reason)}): fn should not be called`).toBe(0);
    }
  });

  test('removes its listener from options.signal whichever way it ends: success, failure or timeout', points(2), async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const succeeded = track(ex.waitFor(stubborn(100, 'ok'), 1000, { signal }));
    await clock.advance(100);
    expect(succeeded.state(), describeOutcome(succeeded)).toBe('resolved');
    expect(listeners(signal), 'abort listeners left on options.signal after fn succeeded').toBe(0);

    const failed = track(ex.waitFor(failsAfter(100, new Error('nope')), 1000, { signal }));
    await clock.advance(100);
    expect(failed.state(), describeOutcome(failed)).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on options.signal after fn failed').toBe(0);

    const timedOut = track(ex.waitFor(never, 100, { signal }));
    await clock.advance(100);
    expect(timedOut.state(), describeOutcome(timedOut)).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on options.signal after the timeout').toBe(0);
  });

  test('removes its listener from options.signal after an outer abort too', async () => {
    const controller = new AbortController();
    const waiting = track(ex.waitFor(never, 1000, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on options.signal after it aborted').toBe(0);
  });

  test('a rejection of fn after options.signal aborted is not an unhandled rejection', async () => {
    const controller = new AbortController();
    const cooperating = cooperative(5000, 'late');
    const first = track(ex.waitFor(cooperating.fn, 1000, { signal: controller.signal }));
    const second = track(ex.waitFor(failsAfter(500, new Error('too late to matter')), 1000, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort(new Error('user cancelled'));
    await clock.advance(1000);
    await realTick();
    expect([first.state(), second.state()]).toEqual(['rejected', 'rejected']);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('aborting options.signal after waitFor has settled changes nothing', async () => {
    const controller = new AbortController();
    const work = cooperative(100, 'kept');
    const waiting = track(ex.waitFor(work.fn, 1000, { signal: controller.signal }));
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ resolved: 'kept', at: 100 });
    expect(work.signals[0]?.aborted, "fn's signal should stay unaborted once waitFor has settled").toBe(false);
  });
});
