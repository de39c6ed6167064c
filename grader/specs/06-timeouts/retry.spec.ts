import { getEventListeners } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/06-timeouts/retry.ts')>('06-timeouts/retry', ['retry']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/**
 * A flaky operation: attempt n fails with `Error('failure n')` unless n is in `succeedOn`, in which
 * case it resolves with `'ok n'`. Each attempt takes `ms` of virtual time (0: settles at once) and
 * ignores its signal. `log` records `attempt@time`; `errors` keeps every error thrown.
 */
function flaky(options: { succeedOn?: number[]; ms?: number } = {}) {
  const { succeedOn = [], ms = 0 } = options;
  const log: string[] = [];
  const errors: Error[] = [];
  const signals: AbortSignal[] = [];
  const fn = (attempt: number, signal: AbortSignal): Promise<string> => {
    log.push(`${attempt}@${clock.now()}`);
    signals.push(signal);
    const outcome = (): Promise<string> => {
      if (succeedOn.includes(attempt)) return Promise.resolve(`ok ${attempt}`);
      const error = new Error(`failure ${attempt}`);
      errors.push(error);
      return Promise.reject(error);
    };
    if (ms === 0) return outcome();
    return new Promise((resolve) => setTimeout(resolve, ms)).then(outcome);
  };
  return { fn, log, errors, signals };
}

/** A random source that returns the given values in turn, and counts its calls. */
function randomFrom(values: number[]): { random: () => number; calls: () => number } {
  let calls = 0;
  return {
    random: () => values[calls++ % values.length]!,
    calls: () => calls,
  };
}

describe('trying again', () => {
  test('resolves with the value of the first attempt that succeeds, and makes no further attempt', points(2), async () => {
    const op = flaky({ succeedOn: [3] });
    const retrying = track(ex.retry(op.fn, { attempts: 5, baseDelayMs: 100 }));
    await clock.runAll();
    expect(retrying.outcome()).toEqual({ resolved: 'ok 3', at: 300 });
    expect(op.log).toEqual(['1@0', '2@100', '3@300']);
  });

  test('a first attempt that succeeds is the only one, with no wait', async () => {
    const op = flaky({ succeedOn: [1] });
    const retrying = track(ex.retry(op.fn, { attempts: 3, baseDelayMs: 100 }));
    await clock.settle();
    expect(retrying.outcome()).toEqual({ resolved: 'ok 1', at: 0 });
    expect(op.log).toEqual(['1@0']);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('waits baseDelayMs × factor^(n−1) after the n-th failure: attempts at 0, 100, 300 and 700 ms', points(3), async () => {
    const op = flaky();
    void ex.retry(op.fn, { attempts: 4, baseDelayMs: 100 }).catch(() => {});
    await clock.advance(99);
    expect(op.log).toEqual(['1@0']);
    await clock.advance(1);
    expect(op.log).toEqual(['1@0', '2@100']);
    await clock.runAll();
    expect(op.log).toEqual(['1@0', '2@100', '3@300', '4@700']);
  });

  test('uses the factor it is given: with factor 3, attempts at 0, 100, 400 and 1300 ms', async () => {
    const op = flaky();
    void ex.retry(op.fn, { attempts: 4, baseDelayMs: 100, factor: 3 }).catch(() => {});
    await clock.runAll();
    expect(op.log).toEqual(['1@0', '2@100', '3@400', '4@1300']);
  });

  test('counts each wait from the failure, not from the start of the attempt', async () => {
    const op = flaky({ ms: 50 });
    void ex.retry(op.fn, { attempts: 3, baseDelayMs: 100 }).catch(() => {});
    await clock.runAll();
    expect(op.log).toEqual(['1@0', '2@150', '3@400']);
  });

  test('maxDelayMs caps every wait: 100, then 500, 500 instead of 1000, 10000', async () => {
    const op = flaky();
    void ex.retry(op.fn, { attempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 500 }).catch(() => {});
    await clock.runAll();
    expect(op.log).toEqual(['1@0', '2@100', '3@600', '4@1100']);
  });

  test('passes the attempt number, counting from 1', async () => {
    const seen: number[] = [];
    const retrying = ex.retry(
      (attempt) => {
        seen.push(attempt);
        return attempt < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('done');
      },
      { attempts: 5, baseDelayMs: 10 },
    );
    await clock.runAll();
    await expect(retrying).resolves.toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  test('a synchronous throw in fn counts as a failed attempt', async () => {
    let calls = 0;
    const retrying = track(
      ex.retry(
        () => {
          calls++;
          if (calls === 1) throw new Error('thrown');
          return Promise.resolve('second time lucky');
        },
        { attempts: 2, baseDelayMs: 100 },
      ),
    );
    await clock.runAll();
    expect(retrying.outcome()).toEqual({ resolved: 'second time lucky', at: 100 });
  });
});

describe('giving up', () => {
  test('when every attempt fails, rejects with the error of the last attempt, not the first', points(3), async () => {
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 3, baseDelayMs: 100 }));
    await clock.runAll();
    expect(op.errors).toHaveLength(3);
    expect(retrying.state()).toBe('rejected');
    expect(retrying.value()).toBe(op.errors[2]);
  });

  test('rejects as soon as the last attempt fails, with no wait after it and no timer left', points(2), async () => {
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 4, baseDelayMs: 100 }));
    await clock.advance(700);
    expect(retrying.state()).toBe('rejected');
    expect(retrying.settledAt()).toBe(700);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('never makes more attempts than attempts allows', points(2), async () => {
    const op = flaky();
    void ex.retry(op.fn, { attempts: 3, baseDelayMs: 10 }).catch(() => {});
    await clock.runAll();
    expect(op.log).toHaveLength(3);
  });

  test('attempts: 1 makes one try and rejects with its error at once', async () => {
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 1, baseDelayMs: 100 }));
    await clock.settle();
    expect(op.log).toEqual(['1@0']);
    expect(retrying.outcome()).toEqual({ rejected: op.errors[0], at: 0 });
  });

  test('shouldRetry returning false stops at once with that error, without a wait', points(2), async () => {
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 5, baseDelayMs: 100, shouldRetry: (error) => (error as Error).message !== 'failure 2' }));
    await clock.runAll();
    expect(op.log).toEqual(['1@0', '2@100']);
    expect(retrying.outcome()).toEqual({ rejected: op.errors[1], at: 100 });
  });

  test('shouldRetry receives the error and the attempt number', async () => {
    const op = flaky();
    const calls: [unknown, number][] = [];
    void ex
      .retry(op.fn, {
        attempts: 3,
        baseDelayMs: 10,
        shouldRetry: (error, attempt) => {
          calls.push([error, attempt]);
          return true;
        },
      })
      .catch(() => {});
    await clock.runAll();
    // Whether it is asked once more after the last attempt is up to the solution.
    expect(calls.slice(0, 2)).toEqual([
      [op.errors[0], 1],
      [op.errors[1], 2],
    ]);
  });

  test('attempts that is not a whole number of at least 1 rejects with a RangeError without calling fn', async () => {
    for (const attempts of [0, -1, 1.5, Number.NaN]) {
      let calls = 0;
      const retrying = track(
        ex.retry(
          () => {
            calls++;
            return Promise.resolve('x');
          },
          { attempts, baseDelayMs: 10 },
        ),
      );
      await clock.runAll();
      expect(retrying.value(), `attempts: ${attempts}`).toBeInstanceOf(RangeError);
      expect(calls, `attempts: ${attempts}`).toBe(0);
    }
  });
});

describe('jitter', () => {
  test('a jitter function multiplies each wait by the value it returns', points(2), async () => {
    const source = randomFrom([0.5, 0.25, 0.75]);
    const op = flaky();
    void ex.retry(op.fn, { attempts: 4, baseDelayMs: 100, jitter: source.random }).catch(() => {});
    await clock.runAll();
    // Waits of 100 × 0.5, 200 × 0.25 and 400 × 0.75.
    expect(op.log).toEqual(['1@0', '2@50', '3@100', '4@400']);
  });

  test('the random source is called once per wait, and not after the last failure', async () => {
    const source = randomFrom([0.5]);
    const op = flaky();
    void ex.retry(op.fn, { attempts: 3, baseDelayMs: 100, jitter: source.random }).catch(() => {});
    await clock.runAll();
    expect(source.calls()).toBe(2);
  });

  test('jitter applies to the capped wait: maxDelayMs first, then the random factor', async () => {
    const source = randomFrom([0.5]);
    const op = flaky();
    void ex.retry(op.fn, { attempts: 4, baseDelayMs: 100, factor: 10, maxDelayMs: 500, jitter: source.random }).catch(() => {});
    await clock.runAll();
    expect(op.log).toEqual(['1@0', '2@50', '3@300', '4@550']);
  });

  test('jitter: true draws from Math.random', async () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const op = flaky();
      void ex.retry(op.fn, { attempts: 3, baseDelayMs: 100, jitter: true }).catch(() => {});
      await clock.runAll();
      expect(op.log).toEqual(['1@0', '2@50', '3@150']);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('cancelling with a signal', () => {
  test('passes options.signal to every attempt, or a signal that is not aborted when none is given', async () => {
    const controller = new AbortController();
    const withSignal = flaky({ succeedOn: [2] });
    const withoutSignal = flaky({ succeedOn: [2] });
    void ex.retry(withSignal.fn, { attempts: 2, baseDelayMs: 10, signal: controller.signal });
    void ex.retry(withoutSignal.fn, { attempts: 2, baseDelayMs: 10 });
    await clock.runAll();
    expect(withSignal.signals).toEqual([controller.signal, controller.signal]);
    expect(withoutSignal.signals).toHaveLength(2);
    for (const signal of withoutSignal.signals) {
      expect(signal).toBeInstanceOf(AbortSignal);
      expect(signal.aborted).toBe(false);
    }
  });

  test('aborting during a wait rejects with signal.reason at that moment', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal }));
    await clock.advance(150);
    controller.abort(reason);
    await clock.settle();
    expect(retrying.outcome()).toEqual({ rejected: reason, at: 150 });
  });

  test('aborting during a wait clears its timer and makes no further attempt', points(2), async () => {
    const controller = new AbortController();
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal }));
    await clock.advance(150);
    controller.abort();
    await clock.settle();
    expect(retrying.state()).toBe('rejected');
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(10_000);
    expect(op.log).toEqual(['1@0', '2@100']);
  });

  test('aborting during an attempt rejects with signal.reason at once, without waiting for the attempt', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('stop now');
    const op = flaky({ ms: 500 });
    const retrying = track(ex.retry(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal }));
    await clock.advance(200);
    controller.abort(reason);
    await clock.settle();
    expect(retrying.outcome()).toEqual({ rejected: reason, at: 200 });
  });

  test('an attempt that fails after the abort is not retried, and its failure is not unhandled', points(2), async () => {
    const controller = new AbortController();
    const op = flaky({ ms: 500 });
    void ex.retry(op.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal }).catch(() => {});
    await clock.advance(200);
    controller.abort();
    await clock.advance(10_000);
    await realTick();
    expect(op.log).toEqual(['1@0']);
    expect(unhandled).toEqual([]);
  });

  test('an already-aborted signal rejects with its reason without calling fn', points(2), async () => {
    const reason = new Error('cancelled before the start');
    const op = flaky();
    const retrying = track(ex.retry(op.fn, { attempts: 3, baseDelayMs: 100, signal: AbortSignal.abort(reason) }));
    await clock.settle();
    expect(retrying.outcome()).toEqual({ rejected: reason, at: 0 });
    expect(op.log).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('leaves no abort listener on the signal once it has succeeded or given up', points(2), async () => {
    const controller = new AbortController();
    const succeeding = flaky({ succeedOn: [3], ms: 20 });
    const succeeded = track(ex.retry(succeeding.fn, { attempts: 5, baseDelayMs: 100, signal: controller.signal }));
    await clock.runAll();
    expect(succeeded.state()).toBe('resolved');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const failing = flaky({ ms: 20 });
    const failed = track(ex.retry(failing.fn, { attempts: 3, baseDelayMs: 100, signal: controller.signal }));
    await clock.runAll();
    expect(failed.state()).toBe('rejected');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
