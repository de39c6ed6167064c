import { describe, expect, test, vi } from 'vitest';
import { type Tracked, captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/07-errors/first-success.ts');

const ex = loadExercise<Module>('07-errors/first-success', ['firstSuccess']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

interface Probe<T> {
  /** The attempt to pass to firstSuccess. */
  readonly fn: (signal: AbortSignal) => Promise<T>;
  /** How many times it was called. */
  calls(): number;
  /** The signal it received (undefined until called). */
  signal(): AbortSignal | undefined;
  /** The virtual time at which its signal aborted, if it did. */
  abortedAt(): number | undefined;
}

/**
 * An attempt that settles after `ms` of virtual time: it resolves with `outcome.value` or rejects
 * with `outcome.error`. When `stopsOnAbort` (the default), an abort clears its timer and rejects
 * with the signal's reason, as well-behaved work does; otherwise it ignores the abort.
 */
function attempt<T>(ms: number, outcome: { value: T } | { error: unknown }, options: { stopsOnAbort?: boolean; log?: string[]; name?: string } = {}): Probe<T> {
  const { stopsOnAbort = true, log, name } = options;
  let calls = 0;
  let signal: AbortSignal | undefined;
  let abortedAt: number | undefined;
  return {
    fn: (received) => {
      calls++;
      signal = received;
      log?.push(`${name ?? '?'} called at ${Date.now()}`);
      received.addEventListener('abort', () => (abortedAt = Date.now()), { once: true });
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          if ('value' in outcome) resolve(outcome.value);
          else reject(outcome.error);
        }, ms);
        if (stopsOnAbort) {
          received.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              reject(received.reason);
            },
            { once: true },
          );
        }
      });
    },
    calls: () => calls,
    signal: () => signal,
    abortedAt: () => abortedAt,
  };
}

const ok = <T>(ms: number, value: T, options?: { stopsOnAbort?: boolean; log?: string[]; name?: string }) => attempt(ms, { value }, options);
const fail = (ms: number, error: unknown, options?: { stopsOnAbort?: boolean; log?: string[]; name?: string }) => attempt<never>(ms, { error }, options);

/**
 * Runs firstSuccess and tracks its outcome. Tracking handles a rejection at once, so a wrong
 * solution cannot leave it unhandled; and the tests look at the outcome instead of awaiting the
 * promise, so a wrong solution that never settles fails them instead of hanging.
 */
function run<T>(probes: readonly Probe<T>[]): Tracked<T> {
  return track(ex.firstSuccess(probes.map((probe) => probe.fn)));
}

/** The AggregateError it rejected with; fails the test if it is pending, resolved, or rejected with something else. */
function rejection(outcome: Tracked<unknown>): AggregateError {
  expect(outcome.state()).toBe('rejected');
  const error = outcome.value();
  expect(error).toBeInstanceOf(AggregateError);
  return error as AggregateError;
}

describe('the first success wins', () => {
  test('resolves with the value of the first attempt to succeed, at that moment', points(2), async () => {
    const outcome = run([ok(300, 'slow'), ok(100, 'fast'), ok(200, 'medium')]);
    await clock.advance(99);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ resolved: 'fast', at: 100 });
  });

  test('a failure that comes first does not settle it: the first success after it wins', points(3), async () => {
    const outcome = run([fail(50, new Error('mirror 1 is down')), ok(200, 'from mirror 2'), fail(100, new Error('mirror 3 is down')), ok(300, 'from mirror 4')]);
    await clock.advance(199);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ resolved: 'from mirror 2', at: 200 });
  });

  test('calls every function during the call, in argument order, once each', points(2), () => {
    const log: string[] = [];
    const probes = [ok(300, 'a', { log, name: 'a' }), fail(100, new Error('b'), { log, name: 'b' }), ok(200, 'c', { log, name: 'c' })];
    void ex.firstSuccess(probes.map((probe) => probe.fn)).catch(() => undefined);
    expect(log).toEqual(['a called at 0', 'b called at 0', 'c called at 0']);
    expect(probes.map((probe) => probe.calls())).toEqual([1, 1, 1]);
  });

  test('runs the attempts concurrently: failures at 100 and 200 ms and a success at 300 ms settle it at 300 ms', points(2), async () => {
    const outcome = run([fail(100, new Error('one')), fail(200, new Error('two')), ok(300, 'three')]);
    await clock.advance(600);
    expect(outcome.outcome()).toEqual({ resolved: 'three', at: 300 });
  });

  test('when two attempts succeed at the same moment, the one listed first wins', async () => {
    const outcome = run([fail(50, new Error('no')), ok(100, 'first listed'), ok(100, 'second listed')]);
    await clock.advance(100);
    expect(outcome.outcome()).toEqual({ resolved: 'first listed', at: 100 });
  });

  test('what the other attempts do after the win changes nothing', async () => {
    const outcome = run([ok(100, 'winner'), ok(200, 'later success', { stopsOnAbort: false }), fail(300, new Error('later failure'), { stopsOnAbort: false })]);
    await clock.advance(400);
    expect(outcome.outcome()).toEqual({ resolved: 'winner', at: 100 });
  });

  test('resolves with the value itself, whatever it is', async () => {
    const value = { id: 7 };
    const outcome = run([ok(10, value)]);
    await clock.advance(10);
    expect(outcome.state()).toBe('resolved');
    expect(outcome.value()).toBe(value);
  });

  test('a function that throws synchronously has failed; the others are still called and can win', points(2), async () => {
    const thrown = new Error('thrown, not rejected');
    const later = ok(100, 'still wins');
    // If firstSuccess let the throw escape, this line would throw and the test fail.
    const result = ex.firstSuccess<string>([
      () => {
        throw thrown;
      },
      later.fn,
    ]);
    const outcome = track(result);
    await clock.advance(100);
    expect(later.calls()).toBe(1);
    expect(outcome.outcome()).toEqual({ resolved: 'still wins', at: 100 });
  });
});

describe('stopping the losers', () => {
  test('when one attempt wins, the signal of every other attempt still running aborts at that moment', points(3), async () => {
    const probes = [ok(500, 'slow'), ok(100, 'winner'), fail(400, new Error('late')), ok(300, 'medium')];
    const outcome = run(probes);
    await clock.advance(100);
    expect(outcome.state()).toBe('resolved');
    expect([probes[0]!, probes[2]!, probes[3]!].map((probe) => probe.abortedAt())).toEqual([100, 100, 100]);
  });

  test('aborting the losers stops them: no timer is left once there is a winner', async () => {
    const outcome = run([ok(500, 'slow'), ok(100, 'winner'), ok(300, 'medium')]);
    await clock.advance(100);
    expect(outcome.state()).toBe('resolved');
    expect(clock.pendingTimers()).toBe(0);
  });

  test('gives each attempt a signal of its own, and never aborts the winner’s', points(2), async () => {
    const probes = [ok(300, 'slow'), ok(100, 'winner')];
    const outcome = run(probes);
    expect(probes[0]!.signal()).toBeInstanceOf(AbortSignal);
    expect(probes[0]!.signal()).not.toBe(probes[1]!.signal());
    await clock.advance(300);
    expect(outcome.state()).toBe('resolved');
    expect(probes[1]!.signal()!.aborted).toBe(false);
    expect(probes[0]!.signal()!.aborted).toBe(true);
  });

  test('aborts with the default reason: a DOMException named AbortError', async () => {
    const probes = [ok(300, 'slow'), ok(100, 'winner')];
    const outcome = run(probes);
    await clock.advance(100);
    expect(outcome.state()).toBe('resolved');
    expect(probes[0]!.signal()!.reason).toMatchObject({ name: 'AbortError' });
  });

  test('a failure aborts nothing: the other attempts keep running until one wins', points(2), async () => {
    const probes = [fail(50, new Error('down')), ok(200, 'winner'), ok(300, 'slow')];
    const outcome = run(probes);
    await clock.advance(199);
    expect(probes.map((probe) => probe.signal()!.aborted)).toEqual([false, false, false]);
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ resolved: 'winner', at: 200 });
  });
});

describe('when every attempt fails', () => {
  test('rejects with an AggregateError at the moment of the last failure', points(2), async () => {
    const outcome = run([fail(300, new Error('a')), fail(100, new Error('b')), fail(200, new Error('c'))]);
    await clock.advance(299);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(300);
    rejection(outcome);
  });

  test('errors holds every failure in argument order, not in the order they happened', points(3), async () => {
    const errors = [new Error('fails last'), new Error('fails first'), new Error('fails second')];
    const outcome = run([fail(300, errors[0]), fail(100, errors[1]), fail(200, errors[2])]);
    await clock.advance(300);
    const error = rejection(outcome);
    expect(error.errors).toHaveLength(3);
    error.errors.forEach((received: unknown, index) => expect(received).toBe(errors[index]));
  });

  test('errors keeps values that are not Errors as they are', async () => {
    const outcome = run([fail(20, 'a plain string'), fail(10, undefined), fail(30, 42)]);
    await clock.advance(30);
    expect(rejection(outcome).errors).toEqual(['a plain string', undefined, 42]);
  });

  test('the AggregateError has a message', async () => {
    const outcome = run([fail(10, new Error('a')), fail(20, new Error('b'))]);
    await clock.advance(20);
    const error = rejection(outcome);
    expect(typeof error.message).toBe('string');
    expect(error.message.trim()).not.toBe('');
  });

  test('a synchronous throw is reported in errors, in its place', async () => {
    const thrown = new Error('thrown');
    const rejected = new Error('rejected');
    const result = ex.firstSuccess<never>([
      fail(10, rejected).fn,
      () => {
        throw thrown;
      },
    ]);
    const outcome = track(result);
    await clock.advance(10);
    expect(rejection(outcome).errors).toEqual([rejected, thrown]);
  });

  test('with no functions, rejects at once with an AggregateError whose errors are empty', points(2), async () => {
    const outcome = run<never>([]);
    await clock.settle();
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(0);
    expect(rejection(outcome).errors).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('no lost errors', () => {
  test('attempts that fail after the win leave no unhandled rejection', points(2), async () => {
    run([ok(100, 'winner'), fail(200, new Error('ignores the abort'), { stopsOnAbort: false }), fail(300, new Error('rejects on abort'))]);
    await clock.advance(300);
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('failures before the win leave no unhandled rejection', async () => {
    run([fail(50, new Error('early')), fail(100, new Error('also early')), ok(200, 'winner')]);
    await clock.advance(200);
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('when every attempt fails, the only rejection is the AggregateError that the caller handles', async () => {
    run([fail(100, new Error('a')), fail(200, new Error('b'))]);
    await clock.advance(200);
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('does not use Promise.any', async () => {
    const any = vi.spyOn(Promise, 'any');
    try {
      run([fail(100, new Error('a')), ok(200, 'b')]);
      run([fail(100, new Error('c'))]);
      await clock.advance(200);
      expect(any).not.toHaveBeenCalled();
    } finally {
      any.mockRestore();
    }
  });
});
