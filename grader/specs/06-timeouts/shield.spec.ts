import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/shield.ts')>('06-timeouts/shield', ['shield']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

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

describe('following the work', () => {
  test('resolves with the value of the work, at the moment the work resolves', points(2), async () => {
    const controller = new AbortController();
    const waiting = track(ex.shield(saving(300, 'saved'), controller.signal));
    await clock.advance(299);
    expect(waiting.state()).toBe('pending');
    await clock.advance(1);
    expect(waiting.outcome()).toEqual({ resolved: 'saved', at: 300 });
  });

  test('rejects with the very error of the work, at the moment the work rejects', points(2), async () => {
    const controller = new AbortController();
    const error = new Error('disk full');
    const waiting = track(ex.shield(failing(300, error), controller.signal));
    await clock.advance(300);
    expect(waiting.outcome()).toEqual({ rejected: error, at: 300 });
    expect(waiting.value()).toBe(error);
  });

  test('without a signal, it simply follows the work', async () => {
    const error = new Error('nope');
    const resolved = track(ex.shield(saving(100, 42)));
    const rejected = track(ex.shield(failing(200, error)));
    await clock.advance(200);
    expect(resolved.outcome()).toEqual({ resolved: 42, at: 100 });
    expect(rejected.value()).toBe(error);
  });

  test('accepts any thenable as the work', async () => {
    const thenable: PromiseLike<string> = {
      then(onFulfilled, onRejected) {
        return saving(100, 'from a thenable').then(onFulfilled, onRejected);
      },
    };
    const waiting = track(ex.shield(thenable, new AbortController().signal));
    await clock.advance(100);
    expect(waiting.outcome()).toEqual({ resolved: 'from a thenable', at: 100 });
  });

  test('removes its abort listener once the work has settled, either way', points(2), async () => {
    const controller = new AbortController();
    const resolved = track(ex.shield(saving(100, 'ok'), controller.signal));
    await clock.advance(100);
    expect(resolved.state()).toBe('resolved');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const rejected = track(ex.shield(failing(100, new Error('nope')), controller.signal));
    await clock.advance(100);
    expect(rejected.state()).toBe('rejected');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('aborting the signal after the work has settled changes nothing', async () => {
    const controller = new AbortController();
    const waiting = track(ex.shield(saving(100, 'kept'), controller.signal));
    await clock.advance(100);
    controller.abort();
    await clock.settle();
    expect(waiting.outcome()).toEqual({ resolved: 'kept', at: 100 });
  });
});

describe('cancelling the wait', () => {
  test('aborting the signal rejects with signal.reason at that moment', points(3), async () => {
    const controller = new AbortController();
    const reason = new Error('request closed');
    const waiting = track(ex.shield(saving(1000, 'saved'), controller.signal));
    await clock.advance(200);
    expect(waiting.state()).toBe('pending');
    controller.abort(reason);
    await clock.settle();
    expect(waiting.outcome()).toEqual({ rejected: reason, at: 200 });
  });

  test('the default reason is a DOMException named AbortError', async () => {
    const controller = new AbortController();
    const waiting = track(ex.shield(saving(1000, 'saved'), controller.signal));
    controller.abort();
    await clock.settle();
    expect(waiting.value()).toBeInstanceOf(DOMException);
    expect((waiting.value() as DOMException).name).toBe('AbortError');
  });

  test('the work runs on after the wait is cancelled, and whoever holds it gets its value', points(2), async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const work = saving(1000, 'saved', log);
    const waiting = track(ex.shield(work, controller.signal));
    const held = track(work);
    await clock.advance(200);
    controller.abort();
    await clock.settle();
    expect(waiting.state()).toBe('rejected');
    await clock.advance(800);
    expect(log).toEqual(['saved@1000']);
    expect(held.outcome()).toEqual({ resolved: 'saved', at: 1000 });
    expect(waiting.state()).toBe('rejected');
  });

  test('an already-aborted signal rejects with its reason at once, without waiting for the work', points(2), async () => {
    const reason = new Error('cancelled before the start');
    const log: string[] = [];
    const waiting = track(ex.shield(saving(1000, 'saved', log), AbortSignal.abort(reason)));
    await clock.settle();
    expect(waiting.outcome()).toEqual({ rejected: reason, at: 0 });
    await clock.advance(1000);
    expect(log).toEqual(['saved@1000']);
  });

  test('removes its abort listener when the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = track(ex.shield(saving(1000, 'saved'), controller.signal));
    controller.abort();
    await clock.settle();
    expect(waiting.state()).toBe('rejected');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('a failure of the work after the wait was cancelled is not an unhandled rejection', points(2), async () => {
    const controller = new AbortController();
    const waiting = track(ex.shield(failing(1000, new Error('failed after the wait was cancelled')), controller.signal));
    await clock.advance(200);
    controller.abort();
    await clock.advance(800);
    await realTick();
    expect(waiting.state()).toBe('rejected');
    expect(unhandled).toEqual([]);
  });

  test('a failure of the work is not an unhandled rejection when the signal was already aborted', points(2), async () => {
    const waiting = track(ex.shield(failing(500, new Error('failed later')), AbortSignal.abort()));
    await clock.advance(500);
    await realTick();
    expect(waiting.state()).toBe('rejected');
    expect(unhandled).toEqual([]);
  });

  test('two waits on the same work are independent: cancelling one leaves the other waiting', points(2), async () => {
    const first = new AbortController();
    const second = new AbortController();
    const work = saving(1000, 'shared');
    const a = track(ex.shield(work, first.signal));
    const b = track(ex.shield(work, second.signal));
    await clock.advance(100);
    first.abort();
    await clock.advance(900);
    expect(a.state()).toBe('rejected');
    expect(b.outcome()).toEqual({ resolved: 'shared', at: 1000 });
  });
});
