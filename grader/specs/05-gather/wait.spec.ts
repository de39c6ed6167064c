import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, deferred, failLater, later, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/05-gather/wait.ts');

const ex = loadExercise<Module>('05-gather/wait', ['wait']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

// The names of the constants, written out: a spec must not depend on the target's values for them.
const FIRST_COMPLETED = 'FIRST_COMPLETED';
const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
const ALL_COMPLETED = 'ALL_COMPLETED';

type Named = Record<string, Promise<unknown>>;

/** Waits for the named promises and returns the tracked result plus a way to read it by names. */
function waitFor(named: Named, options?: Parameters<Module['wait']>[1]) {
  const result = track(ex.wait(Object.values(named), options));
  const nameOf = (promise: unknown): string => Object.keys(named).find((name) => named[name] === promise) ?? 'something that was not passed in';
  return {
    result,
    /** `{ done: ['a'], pending: ['b', 'c'], at: 100 }`: the sets by name, sorted, and when it resolved. */
    split: () => {
      const outcome = result.outcome();
      if (outcome === 'pending') return 'pending';
      if ('rejected' in outcome) return { rejected: outcome.rejected };
      const { done, pending } = outcome.resolved;
      return { done: [...done].map(nameOf).sort(), pending: [...pending].map(nameOf).sort(), at: outcome.at };
    },
  };
}

async function noUnhandledRejectionsYet(): Promise<void> {
  await realTick();
  await realTick();
  expect(unhandled).toEqual([]);
}

describe('ALL_COMPLETED, the default', () => {
  test('waits for every item and returns them all in done, the very promises passed in', points(3), async () => {
    const waiting = waitFor({ a: later(100, 'a'), b: later(300, 'b'), c: later(200, 'c') });
    await clock.advance(299);
    expect(waiting.split()).toBe('pending');
    await clock.advance(1);
    expect(waiting.split()).toEqual({ done: ['a', 'b', 'c'], pending: [], at: 300 });
  });

  test('a failing item neither rejects it nor makes it return early', points(3), async () => {
    const waiting = waitFor({ ok: later(100, 'ok'), fails: failLater(150, new Error('boom')), slow: later(300, 'slow') }, { returnWhen: ALL_COMPLETED });
    await clock.advance(299);
    expect(waiting.split()).toBe('pending');
    await clock.advance(1);
    expect(waiting.split()).toEqual({ done: ['fails', 'ok', 'slow'], pending: [], at: 300 });
  });

  test('resolves with two Set objects', async () => {
    const waiting = ex.wait([later(10, 1)]);
    await clock.advance(10);
    const { done, pending } = await waiting;
    expect(done).toBeInstanceOf(Set);
    expect(pending).toBeInstanceOf(Set);
  });
});

describe('FIRST_COMPLETED', () => {
  test('returns as soon as the first item settles: that one in done, the others in pending', points(3), async () => {
    const waiting = waitFor({ a: later(300, 'a'), b: later(100, 'b'), c: later(200, 'c') }, { returnWhen: FIRST_COMPLETED });
    await clock.advance(99);
    expect(waiting.split()).toBe('pending');
    await clock.advance(1);
    expect(waiting.split()).toEqual({ done: ['b'], pending: ['a', 'c'], at: 100 });
  });

  test('a rejection counts as completing: it returns, and does not reject', points(2), async () => {
    const waiting = waitFor({ slow: later(300, 'slow'), fails: failLater(100, new Error('boom')) }, { returnWhen: FIRST_COMPLETED });
    await clock.advance(100);
    expect(waiting.split()).toEqual({ done: ['fails'], pending: ['slow'], at: 100 });
  });

  test('an item that has already settled completes it at once', async () => {
    const waiting = waitFor({ slow: later(300, 'slow'), ready: Promise.resolve('ready') }, { returnWhen: FIRST_COMPLETED });
    await clock.settle();
    expect(waiting.split()).toEqual({ done: ['ready'], pending: ['slow'], at: 0 });
  });
});

describe('FIRST_EXCEPTION', () => {
  test('returns at the first rejection, with everything settled so far in done', points(3), async () => {
    const waiting = waitFor({ ok: later(100, 'ok'), fails: failLater(200, new Error('boom')), slow: later(300, 'slow') }, { returnWhen: FIRST_EXCEPTION });
    await clock.advance(199);
    expect(waiting.split()).toBe('pending');
    await clock.advance(1);
    expect(waiting.split()).toEqual({ done: ['fails', 'ok'], pending: ['slow'], at: 200 });
  });

  test('when nothing fails, it waits for every item, like ALL_COMPLETED', points(2), async () => {
    const waiting = waitFor({ a: later(100, 'a'), b: later(300, 'b') }, { returnWhen: FIRST_EXCEPTION });
    await clock.advance(299);
    expect(waiting.split()).toBe('pending');
    await clock.advance(1);
    expect(waiting.split()).toEqual({ done: ['a', 'b'], pending: [], at: 300 });
  });
});

describe('timeout', () => {
  test('returns after timeout ms with what has settled by then', points(2), async () => {
    const waiting = waitFor({ fast: later(100, 'fast'), slow: later(300, 'slow') }, { timeout: 200 });
    await clock.advance(199);
    expect(waiting.split()).toBe('pending');
    await clock.advance(1);
    expect(waiting.split()).toEqual({ done: ['fast'], pending: ['slow'], at: 200 });
  });

  test('running out of time with nothing settled resolves with everything pending', async () => {
    const waiting = waitFor({ a: later(500, 'a'), b: failLater(600, new Error('late')) }, { returnWhen: FIRST_COMPLETED, timeout: 100 });
    await clock.advance(100);
    expect(waiting.split()).toEqual({ done: [], pending: ['a', 'b'], at: 100 });
    await clock.advance(500);
  });

  test('clears its timer when it returns before the timeout', points(2), async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const waiting = waitFor({ first: first.promise, second: second.promise }, { timeout: 1000 });
    await clock.settle();
    first.resolve('1');
    second.resolve('2');
    await clock.settle();
    expect(waiting.split()).toEqual({ done: ['first', 'second'], pending: [], at: 0 });
    expect(clock.pendingTimers()).toBe(0);
  });

  test('starts no timer without a timeout', async () => {
    const item = deferred<string>();
    const waiting = waitFor({ item: item.promise });
    await clock.settle();
    expect(clock.pendingTimers()).toBe(0);
    item.resolve('x');
    await clock.settle();
    expect(waiting.split()).toEqual({ done: ['item'], pending: [], at: 0 });
  });
});

describe('what it returns', () => {
  test('the two sets do not change when items settle after it has returned', points(2), async () => {
    const waiting = ex.wait([later(100, 'a'), later(200, 'b'), failLater(300, new Error('c'))], { returnWhen: FIRST_COMPLETED });
    await clock.advance(100);
    const { done, pending } = await waiting;
    expect([done.size, pending.size]).toEqual([1, 2]);
    await clock.advance(200);
    expect([done.size, pending.size]).toEqual([1, 2]);
  });

  test('an empty input resolves at once with two empty sets, whatever returnWhen, and starts no timer', points(2), async () => {
    const waits = [
      waitFor({}),
      waitFor({}, { returnWhen: FIRST_COMPLETED }),
      waitFor({}, { returnWhen: FIRST_EXCEPTION, timeout: 1000 }),
      waitFor({}, { returnWhen: ALL_COMPLETED, timeout: 1000 }),
    ];
    await clock.settle();
    for (const waiting of waits) expect(waiting.split()).toEqual({ done: [], pending: [], at: 0 });
    expect(clock.pendingTimers()).toBe(0);
  });

  test('a promise passed twice counts once', async () => {
    const twice = later(100, 'same');
    const waiting = track(ex.wait([twice, twice]));
    await clock.advance(100);
    const { done, pending } = waiting.value() as { done: Set<unknown>; pending: Set<unknown> };
    expect([done.size, pending.size, done.has(twice)]).toEqual([1, 0, true]);
  });

  test('items that fail, before or after it returns, are never reported as unhandled', points(2), async () => {
    const first = waitFor({ fails: failLater(100, new Error('before')), ok: later(200, 'ok') }, { returnWhen: ALL_COMPLETED });
    const second = waitFor({ ok: later(50, 'ok'), a: failLater(150, new Error('after')), b: failLater(250, new Error('after too')) }, { returnWhen: FIRST_COMPLETED });
    await clock.advance(250);
    expect(first.split()).toEqual({ done: ['fails', 'ok'], pending: [], at: 200 });
    expect(second.split()).toEqual({ done: ['ok'], pending: ['a', 'b'], at: 50 });
    await noUnhandledRejectionsYet();
  });
});
