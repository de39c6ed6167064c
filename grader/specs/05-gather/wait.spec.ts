// Hidden spec of wait(items, { returnWhen, timeout }).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. `items` may be any iterable (a generator is iterated once); it is left as it is.
//       - accepts any iterable, and leaves a Set passed in as it was
//  2. done and pending hold the very promises passed in, every item in exactly one; a promise
//     passed twice counts once; they are two Set objects.
//       - waits for every item and returns them all in done, the very promises passed in
//       - a promise passed twice counts once
//       - resolves with two Set objects
//  3. returnWhen: ALL_COMPLETED by default (every item settled); FIRST_COMPLETED (any item settles,
//     fulfils or rejects); FIRST_EXCEPTION (any rejects; else like ALL_COMPLETED).
//       - waits for every item and returns them all in done, the very promises passed in
//       - a failing item neither rejects it nor makes it return early
//       - returns as soon as the first item settles: that one in done, the others in pending
//       - a rejection counts as completing: it returns, and does not reject
//       - an item that has already settled completes it at once
//       - returns at the first rejection, with everything settled so far in done
//       - when nothing fails, it waits for every item, like ALL_COMPLETED
//  4. Learns of settling through then callbacks attached when called: only an item's first
//     callback counts; a then that throws is a rejection.
//       - only the first callback an item calls counts
//       - an item whose then throws counts as rejected, and wait still resolves
//  5. Resolves at the very moment the condition is met, with the sets taken in that callback: an
//     item whose callback runs later is pending, even in the same tick.
//       - the sets are taken in the callback that meets the condition: an item seen just after is pending
//       - (timings in 3 and 6: `at` in every split)
//  6. timeout: resolves then with what has settled (not an error); 0 or less waits for a
//     setTimeout(…, 0); Infinity / undefined means no limit; no timer without a limit, not even one
//     cleared at once; the timer is cleared when it returns earlier.
//       - returns after timeout ms with what has settled by then
//       - running out of time with nothing settled resolves with everything pending
//       - a timeout of 0 or less waits for a setTimeout(…, 0): items already settled are done
//       - a timeout of Infinity means no limit and starts no timer
//       - starts no timer without a timeout, not even one it clears
//       - clears its timer when it returns before the timeout
//  7. Never rejects; no rejection is ever reported as unhandled, before or after it returns.
//       - a failing item neither rejects it nor makes it return early
//       - items that fail, before or after it returns, are never reported as unhandled
//       - an item whose then throws counts as rejected, and wait still resolves
//  8. The sets are a snapshot: they do not change later.
//       - the two sets do not change when items settle after it has returned
//  9. An empty input resolves at once with two empty sets, no timer, whatever the options.
//       - an empty input resolves at once with two empty sets, whatever returnWhen, and starts no timer
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, deferred, failLater, later, loadExercise, points, realTick, track, useVirtualTime, noisyThenable, throwingThenable } from '../../spec-kit/index.ts';

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

describe('how wait learns that an item has settled', () => {
  test('the sets are taken in the callback that meets the condition: an item seen just after is pending', points(2), async () => {
    const a = deferred<string>();
    const b = deferred<string>();
    // Registered before wait's own callbacks: when a settles, this settles b first, but wait's
    // callback for b runs only after its callback for a.
    void a.promise.then(() => b.resolve('b'), () => b.reject(new Error('b')));
    const first = waitFor({ a: a.promise, b: b.promise }, { returnWhen: FIRST_COMPLETED });
    const c = deferred<string>();
    const d = deferred<string>();
    void c.promise.then(undefined, () => d.reject(new Error('d')));
    const exception = waitFor({ c: c.promise, d: d.promise }, { returnWhen: FIRST_EXCEPTION });
    await clock.settle();
    a.resolve('a');
    c.reject(new Error('c'));
    await clock.settle();
    expect(first.split(), 'FIRST_COMPLETED: b settled in a callback that ran before wait saw a').toEqual({ done: ['a'], pending: ['b'], at: 0 });
    expect(exception.split(), 'FIRST_EXCEPTION: d rejected in a callback that ran before wait saw c').toEqual({ done: ['c'], pending: ['d'], at: 0 });
  });

  test('only the first callback an item calls counts', async () => {
    const noisy = noisyThenable('first', 'again');
    const slow = later(100, 'slow');
    const named = { noisy: noisy as unknown as Promise<unknown>, slow };
    const all = waitFor(named);
    const exception = waitFor(named, { returnWhen: FIRST_EXCEPTION });
    await clock.advance(99);
    expect(all.split(), 'ALL_COMPLETED: the noisy item counts once, so wait waits for slow').toBe('pending');
    expect(exception.split(), 'FIRST_EXCEPTION: the noisy item fulfilled first, so it is no failure').toBe('pending');
    await clock.advance(1);
    expect(all.split()).toEqual({ done: ['noisy', 'slow'], pending: [], at: 100 });
    expect(exception.split()).toEqual({ done: ['noisy', 'slow'], pending: [], at: 100 });
  });

  test('an item whose then throws counts as rejected, and wait still resolves', async () => {
    const broken = throwingThenable<string>(new Error('then threw'));
    const named = { broken: broken as unknown as Promise<unknown>, slow: later(100, 'slow') };
    let waiting: ReturnType<typeof waitFor> | undefined;
    expect(() => {
      waiting = waitFor(named, { returnWhen: FIRST_EXCEPTION });
    }, 'wait should not throw').not.toThrow();
    await clock.settle();
    expect(waiting!.split()).toEqual({ done: ['broken'], pending: ['slow'], at: 0 });
    await clock.advance(100);
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

  test('starts no timer without a timeout, not even one it clears', async () => {
    const item = deferred<string>();
    const without = waitFor({ item: item.promise });
    const undefinedTimeout = waitFor({ item: item.promise }, { returnWhen: FIRST_COMPLETED, timeout: undefined });
    await clock.settle();
    item.resolve('x');
    await clock.settle();
    expect(without.split(), 'without options').toEqual({ done: ['item'], pending: [], at: 0 });
    expect(undefinedTimeout.split(), 'with timeout: undefined').toEqual({ done: ['item'], pending: [], at: 0 });
    expect(clock.timersStarted(), 'timers started by wait without a timeout').toBe(0);
  });

  test('a timeout of 0 or less waits for a setTimeout(…, 0): items already settled are done', points(2), async () => {
    const ready = Promise.resolve('ready');
    const slow = later(100, 'slow');
    const zero = waitFor({ ready, slow }, { timeout: 0 });
    const negative = waitFor({ ready, slow }, { timeout: -5 });
    await clock.settle();
    expect(zero.split(), 'timeout: 0').toEqual({ done: ['ready'], pending: ['slow'], at: 0 });
    expect(negative.split(), 'timeout: -5').toEqual({ done: ['ready'], pending: ['slow'], at: 0 });
    await clock.advance(100);
  });

  test('a timeout of Infinity means no limit and starts no timer', async () => {
    const item = deferred<string>();
    const before = clock.timersStarted();
    const waiting = waitFor({ item: item.promise }, { timeout: Infinity });
    await clock.advance(10_000);
    expect(waiting.split(), 'after 10 s with timeout: Infinity, wait should still be waiting').toBe('pending');
    item.resolve('x');
    await clock.settle();
    expect(waiting.split()).toEqual({ done: ['item'], pending: [], at: 10_000 });
    expect(clock.timersStarted() - before, 'timers started by wait with timeout: Infinity').toBe(0);
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
    expect(clock.timersStarted(), 'timers started by wait([])').toBe(0);
  });

  test('accepts any iterable, and leaves a Set passed in as it was', async () => {
    const a = later(100, 'a');
    const b = later(300, 'b');
    function* generate(): Generator<Promise<string>> {
      yield a;
      yield b;
    }
    const fromGenerator = track(ex.wait(generate(), { timeout: 200 }));
    const input = new Set([a, b]);
    const fromSet = track(ex.wait(input, { returnWhen: FIRST_COMPLETED }));
    await clock.advance(200);
    const names = (set: Set<unknown>): string[] => [...set].map((item) => (item === a ? 'a' : item === b ? 'b' : '?')).sort();
    const split = (tracked: typeof fromSet) => {
      const value = tracked.value() as { done: Set<unknown>; pending: Set<unknown> } | undefined;
      return value ? { done: names(value.done), pending: names(value.pending) } : tracked.state();
    };
    expect(split(fromGenerator), 'from a generator').toEqual({ done: ['a'], pending: ['b'] });
    expect(split(fromSet), 'from a Set').toEqual({ done: ['a'], pending: ['b'] });
    const result = fromSet.value() as { done: Set<unknown>; pending: Set<unknown> };
    expect(result.done !== input && result.pending !== input, 'done and pending should be new sets, not the Set passed in').toBe(true);
    expect(names(input), 'the Set passed in should still hold both items').toEqual(['a', 'b']);
    await clock.advance(100);
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
