// Hidden spec of shield(work, signal).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. Until signal aborts, the returned promise settles as work does, at the moment it does: same
//     value, or the very same error, whatever it is.
//       - resolves with the value of the work, at the moment the work resolves
//       - rejects with the very error of the work, at the moment the work rejects
//       - settles with what the work settles with even when it is falsy or not an Error
//  2. With no signal, it simply follows work.
//       - without a signal, it simply follows the work
//  3. work may be any thenable; what shield returns is always a real Promise.
//       - accepts any thenable as the work, with or without a signal, and returns a real Promise
//  4. signal aborts first: rejects with signal.reason at that moment.
//       - aborting the signal rejects with signal.reason at that moment
//       - the default reason is a DOMException named AbortError
//  5. signal already aborted: rejects with signal.reason at once, without waiting for work, and
//     without throwing.
//       - an already-aborted signal rejects with its reason at once, without waiting for the work
//  6. The reason is used as it is, whatever it is.
//       - a reason that is not an Error is used as it is, before and during the wait: a string, null, 0
//  7. shield never tries to stop work; whoever holds work still gets its outcome.
//       - the work runs on after the wait is cancelled, and whoever holds it gets its value
//       - two waits on the same work are independent: cancelling one leaves the other waiting
//  8. It still follows work after the wait is cancelled, and when signal was already aborted: a later
//     failure of work is never an unhandled rejection because of shield.
//       - a failure of the work after the wait was cancelled is not an unhandled rejection
//       - a failure of the work is not an unhandled rejection when the signal was already aborted
//  9. Nothing is left behind: no abort listener of shield on signal once it has settled, whichever
//     way, even if work never settles; aborting afterwards changes nothing.
//       - removes its abort listener once the work has settled, either way
//       - removes its abort listener when the signal aborts
//       - leaves no abort listener on a signal that was already aborted, even if the work never settles
//       - aborting the signal after the work has settled changes nothing
import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime, type Tracked } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/shield.ts')>('06-timeouts/shield', ['shield']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** How many abort listeners are on the signal now. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Calls shield, failing with a clear message if it throws instead of returning a promise. */
function start<T>(work: PromiseLike<T>, signal?: AbortSignal): { returned: Promise<T>; tracked: Tracked<T> } {
  let returned: Promise<T> | undefined;
  expect(() => {
    returned = ex.shield(work, signal);
  }, 'shield should never throw: it should return a promise that rejects').not.toThrow();
  return { returned: returned!, tracked: track(returned!) };
}

/** How a tracked shield stands, in words, for failure messages. */
function describeOutcome(tracked: Tracked<unknown>): string {
  const outcome = tracked.outcome();
  if (outcome === 'pending') return 'the wait is still pending';
  if ('resolved' in outcome) return `the wait resolved at ${outcome.at} ms with ${show(outcome.resolved)}`;
  return `the wait rejected at ${outcome.at} ms with ${show(outcome.rejected)}`;
}

function show(value: unknown): string {
  if (value instanceof DOMException) return `a DOMException named ${value.name}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Work already running, with no signal: resolves with `value` after `ms`, and logs when it ends. */
function saving<T>(ms: number, value: T, log: string[] = []): Promise<T> {
  return new Promise((resolve) =>
    setTimeout(() => {
      log.push(`saved@${clock.now()}`);
      resolve(value);
    }, ms),
  );
}

/** Work already running, with no signal: rejects with `error` after `ms`. */
function failing(ms: number, error: unknown): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

/** `promise` seen through a thenable that has only `then` (no catch, no finally), whose `then` returns another such thenable. */
function bare<T>(promise: PromiseLike<T>): PromiseLike<T> {
  return {
    then: (onFulfilled, onRejected) => bare(promise.then(onFulfilled, onRejected)),
  };
}

describe('following the work', () => {
  test('resolves with the value of the work, at the moment the work resolves', points(2), async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(300, 'saved'), controller.signal);
    await clock.advance(299);
    expect(waiting.state(), 'the work resolves at 300 ms: the wait should still be pending at 299 ms').toBe('pending');
    await clock.advance(1);
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ resolved: 'saved', at: 300 });
  });

  test('rejects with the very error of the work, at the moment the work rejects', points(2), async () => {
    const controller = new AbortController();
    const error = new Error('disk full');
    const { tracked: waiting } = start(failing(300, error), controller.signal);
    await clock.advance(300);
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ rejected: error, at: 300 });
    expect(waiting.value(), 'the wait should reject with the very error object of the work').toBe(error);
  });

  test('settles with what the work settles with even when it is falsy or not an Error', async () => {
    const controller = new AbortController();
    const values = [undefined, 0, null, ''];
    const errors = [undefined, null, 'plain string', { code: 42 }];
    const resolved = values.map((value) => start(saving(100, value), controller.signal).tracked);
    const rejected = errors.map((error) => start(failing(100, error), controller.signal).tracked);
    await clock.advance(100);
    for (const [i, waiting] of resolved.entries()) {
      expect(waiting.outcome(), `the work resolved with ${show(values[i])}, but ${describeOutcome(waiting)}`).toEqual({ resolved: values[i], at: 100 });
    }
    for (const [i, waiting] of rejected.entries()) {
      expect(waiting.outcome(), `the work rejected with ${show(errors[i])}, but ${describeOutcome(waiting)}`).toEqual({ rejected: errors[i], at: 100 });
      expect(waiting.value()).toBe(errors[i]);
    }
  });

  test('without a signal, it simply follows the work', async () => {
    const error = new Error('nope');
    const { tracked: resolved } = start(saving(100, 42));
    const { tracked: rejected } = start(failing(200, error));
    await clock.advance(200);
    expect(resolved.outcome(), describeOutcome(resolved)).toEqual({ resolved: 42, at: 100 });
    expect(rejected.outcome(), describeOutcome(rejected)).toEqual({ rejected: error, at: 200 });
  });

  test('accepts any thenable as the work, with or without a signal, and returns a real Promise', async () => {
    const error = new Error('failed in a thenable');
    const withSignal = start(bare(saving(100, 'from a thenable')), new AbortController().signal);
    const withoutSignal = start(bare(saving(100, 'no signal')));
    const failed = start(bare(failing(100, error)));
    expect(withSignal.returned, 'shield should return a real Promise').toBeInstanceOf(Promise);
    expect(withoutSignal.returned, 'shield should return a real Promise even without a signal, for a thenable work').toBeInstanceOf(Promise);
    await clock.advance(100);
    expect(withSignal.tracked.outcome(), describeOutcome(withSignal.tracked)).toEqual({ resolved: 'from a thenable', at: 100 });
    expect(withoutSignal.tracked.outcome(), describeOutcome(withoutSignal.tracked)).toEqual({ resolved: 'no signal', at: 100 });
    expect(failed.tracked.outcome(), describeOutcome(failed.tracked)).toEqual({ rejected: error, at: 100 });
  });

  test('removes its abort listener once the work has settled, either way', points(2), async () => {
    const controller = new AbortController();
    const { tracked: resolved } = start(saving(100, 'ok'), controller.signal);
    await clock.advance(100);
    expect(resolved.state(), describeOutcome(resolved)).toBe('resolved');
    expect(listeners(controller.signal), 'abort listeners left on the signal after the work resolved').toBe(0);

    const { tracked: rejected } = start(failing(100, new Error('nope')), controller.signal);
    await clock.advance(100);
    expect(rejected.state(), describeOutcome(rejected)).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on the signal after the work rejected').toBe(0);
  });

  test('aborting the signal after the work has settled changes nothing', async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(100, 'kept'), controller.signal);
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ resolved: 'kept', at: 100 });
  });
});

describe('cancelling the wait', () => {
  test('aborting the signal rejects with signal.reason at that moment', points(3), async () => {
    const controller = new AbortController();
    const reason = new Error('request closed');
    const { tracked: waiting } = start(saving(1000, 'saved'), controller.signal);
    await clock.advance(200);
    expect(waiting.state(), describeOutcome(waiting)).toBe('pending');
    controller.abort(reason);
    await clock.settle();
    expect(waiting.outcome(), `the signal aborted at 200 ms, but ${describeOutcome(waiting)}`).toEqual({ rejected: reason, at: 200 });
  });

  test('the default reason is a DOMException named AbortError', async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(1000, 'saved'), controller.signal);
    controller.abort();
    await clock.settle();
    expect(waiting.value(), `abort() with no reason: ${describeOutcome(waiting)}`).toBeInstanceOf(DOMException);
    expect((waiting.value() as DOMException).name).toBe('AbortError');
    expect(waiting.value(), 'the rejection should be signal.reason itself').toBe(controller.signal.reason);
  });

  test('a reason that is not an Error is used as it is, before and during the wait: a string, null, 0', async () => {
    for (const reason of ['client went away', null, 0]) {
      const t0 = clock.now();
      const { tracked: before } = start(saving(1000, 'saved'), AbortSignal.abort(reason));
      const controller = new AbortController();
      const { tracked: during } = start(saving(1000, 'saved'), controller.signal);
      await clock.advance(100);
      controller.abort(reason);
      await clock.settle();
      expect(before.outcome(), `an already-aborted signal with reason ${show(reason)}: ${describeOutcome(before)}`).toEqual({ rejected: reason, at: t0 });
      expect(during.outcome(), `a signal aborted with reason ${show(reason)}: ${describeOutcome(during)}`).toEqual({ rejected: reason, at: t0 + 100 });
    }
  });

  test('the work runs on after the wait is cancelled, and whoever holds it gets its value', points(2), async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const work = saving(1000, 'saved', log);
    const { tracked: waiting } = start(work, controller.signal);
    const held = track(work);
    await clock.advance(200);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    await clock.advance(800);
    expect(log, 'the work should run to its end').toEqual(['saved@1000']);
    expect(held.outcome(), 'whoever holds the work should still get its value').toEqual({ resolved: 'saved', at: 1000 });
    expect(waiting.state(), 'the cancelled wait should stay rejected').toBe('rejected');
  });

  test('an already-aborted signal rejects with its reason at once, without waiting for the work', points(2), async () => {
    const reason = new Error('cancelled before the start');
    const log: string[] = [];
    const { tracked: waiting } = start(saving(1000, 'saved', log), AbortSignal.abort(reason));
    await clock.settle();
    expect(waiting.outcome(), describeOutcome(waiting)).toEqual({ rejected: reason, at: 0 });
    await clock.advance(1000);
    expect(log, 'the work should run to its end').toEqual(['saved@1000']);
  });

  test('leaves no abort listener on a signal that was already aborted, even if the work never settles', async () => {
    const signal = AbortSignal.abort();
    const { tracked: waiting } = start(new Promise<never>(() => {}), signal);
    await clock.settle();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(listeners(signal), 'abort listeners left on the already-aborted signal').toBe(0);
  });

  test('removes its abort listener when the signal aborts', async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(saving(1000, 'saved'), controller.signal);
    controller.abort();
    await clock.settle();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(listeners(controller.signal), 'abort listeners left on the signal after it aborted').toBe(0);
  });

  test('a failure of the work after the wait was cancelled is not an unhandled rejection', points(2), async () => {
    const controller = new AbortController();
    const { tracked: waiting } = start(failing(1000, new Error('failed after the wait was cancelled')), controller.signal);
    await clock.advance(200);
    controller.abort();
    await clock.advance(800);
    await realTick();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('a failure of the work is not an unhandled rejection when the signal was already aborted', points(2), async () => {
    const { tracked: waiting } = start(failing(500, new Error('failed later')), AbortSignal.abort());
    await clock.advance(500);
    await realTick();
    expect(waiting.state(), describeOutcome(waiting)).toBe('rejected');
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });

  test('two waits on the same work are independent: cancelling one leaves the other waiting', points(2), async () => {
    const first = new AbortController();
    const second = new AbortController();
    const work = saving(1000, 'shared');
    const { tracked: a } = start(work, first.signal);
    const { tracked: b } = start(work, second.signal);
    await clock.advance(100);
    first.abort();
    await clock.advance(900);
    expect(a.state(), `the cancelled wait: ${describeOutcome(a)}`).toBe('rejected');
    expect(b.outcome(), `the other wait: ${describeOutcome(b)}`).toEqual({ resolved: 'shared', at: 1000 });
  });
});
