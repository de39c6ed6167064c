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
import {
  captureUnhandledRejections,
  deferred,
  failLater,
  later,
  loadExercise,
  points,
  realTick,
  show,
  type Timeline,
  timeline,
  track,
  useVirtualTime,
  noisyThenable,
  throwingThenable,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/05-gather/wait.ts');

const ex = loadExercise<Module>('05-gather/wait', ['wait']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

// The names of the constants, written out: a spec must not depend on the target's values for them.
const FIRST_COMPLETED = 'FIRST_COMPLETED';
const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
const ALL_COMPLETED = 'ALL_COMPLETED';

type Named = Record<string, Promise<unknown>>;

/**
 * Waits for the named promises and returns the tracked result plus a way to read it by names.
 * Given a timeline, it draws the wait on it as the piece `label`, from the call until it settles.
 */
function waitFor(named: Named, options?: Parameters<Module['wait']>[1], line?: Timeline, label = 'wait') {
  const waiting = (): Promise<{ done: Set<unknown>; pending: Set<unknown> }> => ex.wait(Object.values(named), options);
  const result = track(line ? line.run(label, waiting) : waiting());
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
  expect(unhandled, `rejections reported as unhandled: there should be none, but there were ${unhandled.map((reason) => show(reason)).join(', ')}`).toEqual([]);
}

type Split = ReturnType<ReturnType<typeof waitFor>['split']>;

/** Items started now, each drawn on `line` under its name until it settles: the very promises to pass to wait. */
function drawn(line: Timeline, items: Record<string, () => Promise<unknown>>): Named {
  return Object.fromEntries(Object.entries(items).map(([name, start]) => [name, line.run(name, start)]));
}

/** How a wait stands, by names, in words: `resolved at 100 ms with done [b] and pending [a, c]`. */
function describeSplit(split: Split): string {
  if (split === 'pending') return 'is still pending';
  if ('rejected' in split) return `rejected with ${show(split.rejected)}`;
  return `resolved at ${split.at} ms with done [${split.done.join(', ')}] and pending [${split.pending.join(', ')}]`;
}

/**
 * Checks how a wait stands (as toEqual compares it, toBe for 'pending'), and says both in words:
 * a wait now, or a split taken earlier with `waiting.split()`.
 */
function expectSplit(waiting: ReturnType<typeof waitFor> | Split, expected: Split, what: string): void {
  const actual = typeof waiting === 'object' && 'split' in waiting ? waiting.split() : waiting;
  const should = expected === 'pending' ? 'should still be pending' : `should have ${describeSplit(expected)}`;
  const message = `${what} ${should}, but it ${describeSplit(actual)}`;
  if (expected === 'pending') expect(actual, message).toBe('pending');
  else expect(actual, message).toEqual(expected);
}

// What to look at when a test fails, and the heading of lessons/05-gather.md that teaches it.
const ALL_COMPLETED_WAITS = {
  hint: 'With `ALL_COMPLETED`, the default, resolve only once every item has settled, fulfilled or rejected, and put the very promises you were given in `done`.',
  section: 'wait-which-ones-are-done',
} as const;
const FAILURE_IS_DONE = {
  hint: 'A rejected item is simply done: give every item one callback for both outcomes, which moves it to `done`, and never reject the promise that `wait` returns.',
  section: 'wait-which-ones-are-done',
} as const;
const TWO_SETS = {
  hint: 'Resolve with `{ done, pending }`, two real `Set` objects, not arrays.',
  section: 'wait-which-ones-are-done',
} as const;
const FIRST_COMPLETED_RULE = {
  hint: 'With `FIRST_COMPLETED`, resolve in the callback of the first item that settles, whether it fulfilled or rejected: the others are still pending.',
  section: 'wait-which-ones-are-done',
} as const;
const FIRST_EXCEPTION_RULE = {
  hint: 'With `FIRST_EXCEPTION`, resolve in the callback of the first item that rejects: a fulfilment alone never ends the wait, but the last item to settle always does, as with `ALL_COMPLETED`.',
  section: 'wait-which-ones-are-done',
} as const;
const IN_THE_CALLBACK = {
  hint: 'Check the condition and build the two sets inside the callback of the item that meets it, not after awaiting anything: an item whose callback runs after that one must still be in `pending`.',
  section: 'wait-wait-with-returnwhen',
} as const;
const FIRST_CALLBACK = {
  hint: 'Subscribe through `Promise.resolve(item).then(…)` instead of calling each item\'s `then` yourself: only the first callback then counts, and a `then` that throws becomes a rejection.',
  section: 'wait-wait-with-returnwhen',
} as const;
const TIMEOUT = {
  hint: 'With a finite `timeout`, start one `setTimeout` that resolves with the sets as they are when it fires: running out of time is not an error, even when nothing has settled.',
  section: 'wait-which-ones-are-done',
} as const;
const ZERO_TIMEOUT = {
  hint: 'A timeout of 0 or less is still a limit, so `if (timeout)` is the wrong test: start the timer whenever the timeout is finite; a 0 ms timer fires after the items that have already settled have called back.',
  section: 'wait-wait-with-returnwhen',
} as const;
const NO_LIMIT = {
  hint: '`undefined` and `Infinity` both mean no limit: then start no timer at all, not even one you clear (and `setTimeout` cannot wait forever: an `Infinity` delay fires almost at once).',
  section: 'wait-wait-with-returnwhen',
} as const;
const CLEARS_TIMER = {
  hint: 'When the condition ends the wait before the timeout, clear the timer there and then: send every way out through one function that runs once and cleans up.',
  section: 'wait-wait-with-returnwhen',
} as const;
const SNAPSHOT = {
  hint: 'Resolve with new copies of the two sets: the sets you keep updating as items settle would go on changing after `wait` has returned.',
  section: 'wait-wait-with-returnwhen',
} as const;
const EMPTY = {
  hint: 'An empty input is finished before it starts: resolve at once with two empty sets, whatever the options, and start no timer.',
  section: 'empty-inputs',
} as const;
const ANY_ITERABLE = {
  hint: 'Read `items` exactly once, into a `Set` of your own: a generator gives nothing the second time, and a `Set` passed in must be neither emptied nor handed back.',
  section: 'wait-wait-with-returnwhen',
} as const;
const COUNTS_ONCE = {
  hint: 'Collect the items in a `Set` first, and count what is left to settle from it, not from the input\'s length: a promise passed twice counts once.',
  section: 'wait-wait-with-returnwhen',
} as const;
const NOTHING_UNHANDLED = {
  hint: 'Attach a callback for both outcomes to every item when `wait` is called: every rejection is then handled, even one that comes after `wait` has returned.',
  section: 'when-one-of-them-fails',
} as const;

describe('ALL_COMPLETED, the default', () => {
  test('waits for every item and returns them all in done, the very promises passed in', points(3, ALL_COMPLETED_WAITS), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { a: () => later(100, 'a'), b: () => later(300, 'b'), c: () => later(200, 'c') }), undefined, line);
    await clock.advance(300);
    line.expect({ a: [0, 100], b: [0, 300], c: [0, 200], wait: [0, 300] }, 'wait should return when the last item settles, b at 300 ms, not before');
    expectSplit(waiting, { done: ['a', 'b', 'c'], pending: [], at: 300 }, 'wait for a (100 ms), b (300 ms) and c (200 ms)');
  });

  test('a failing item neither rejects it nor makes it return early', points(3, FAILURE_IS_DONE), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { ok: () => later(100, 'ok'), fails: () => failLater(150, new Error('boom')), slow: () => later(300, 'slow') }), { returnWhen: ALL_COMPLETED }, line);
    await clock.advance(300);
    line.expect({ ok: [0, 100], fails: [0, 150], slow: [0, 300], wait: [0, 300] }, 'with ALL_COMPLETED, the failure at 150 ms ends nothing: wait should return when the last item settles, at 300 ms');
    expectSplit(waiting, { done: ['fails', 'ok', 'slow'], pending: [], at: 300 }, 'wait with ALL_COMPLETED for ok (100 ms), fails (rejects at 150 ms) and slow (300 ms)');
  });

  test('resolves with two Set objects', points(1, TWO_SETS), async () => {
    const waiting = ex.wait([later(10, 1)]);
    await clock.advance(10);
    const { done, pending } = await waiting;
    expect(done, `done should be a Set, not ${show(done)}`).toBeInstanceOf(Set);
    expect(pending, `pending should be a Set, not ${show(pending)}`).toBeInstanceOf(Set);
  });
});

describe('FIRST_COMPLETED', () => {
  test('returns as soon as the first item settles: that one in done, the others in pending', points(3, FIRST_COMPLETED_RULE), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { a: () => later(300, 'a'), b: () => later(100, 'b'), c: () => later(200, 'c') }), { returnWhen: FIRST_COMPLETED }, line);
    await clock.advance(100);
    const at100 = waiting.split();
    await clock.advance(200);
    line.expect({ a: [0, 300], b: [0, 100], c: [0, 200], wait: [0, 100] }, 'with FIRST_COMPLETED, wait should return the moment the first item settles, b at 100 ms');
    expectSplit(at100, { done: ['b'], pending: ['a', 'c'], at: 100 }, 'wait with FIRST_COMPLETED for a (300 ms), b (100 ms) and c (200 ms)');
  });

  test('a rejection counts as completing: it returns, and does not reject', points(2, FAILURE_IS_DONE), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { slow: () => later(300, 'slow'), fails: () => failLater(100, new Error('boom')) }), { returnWhen: FIRST_COMPLETED }, line);
    await clock.advance(100);
    const at100 = waiting.split();
    await clock.advance(200);
    line.expect({ slow: [0, 300], fails: [0, 100], wait: [0, 100] }, 'with FIRST_COMPLETED, a rejection completes too: wait should return when fails rejects, at 100 ms');
    expectSplit(at100, { done: ['fails'], pending: ['slow'], at: 100 }, 'wait with FIRST_COMPLETED for slow (300 ms) and fails (rejects at 100 ms)');
  });

  test('an item that has already settled completes it at once', points(1, FIRST_COMPLETED_RULE), async () => {
    const waiting = waitFor({ slow: later(300, 'slow'), ready: Promise.resolve('ready') }, { returnWhen: FIRST_COMPLETED });
    await clock.settle();
    expectSplit(waiting, { done: ['ready'], pending: ['slow'], at: 0 }, 'wait with FIRST_COMPLETED for slow (300 ms) and ready (already resolved)');
  });
});

describe('FIRST_EXCEPTION', () => {
  test('returns at the first rejection, with everything settled so far in done', points(3, FIRST_EXCEPTION_RULE), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { ok: () => later(100, 'ok'), fails: () => failLater(200, new Error('boom')), slow: () => later(300, 'slow') }), { returnWhen: FIRST_EXCEPTION }, line);
    await clock.advance(200);
    const at200 = waiting.split();
    await clock.advance(100);
    line.expect(
      { ok: [0, 100], fails: [0, 200], slow: [0, 300], wait: [0, 200] },
      'with FIRST_EXCEPTION, wait should return at the first rejection, fails at 200 ms: not when ok succeeds, and not after slow',
    );
    expectSplit(at200, { done: ['fails', 'ok'], pending: ['slow'], at: 200 }, 'wait with FIRST_EXCEPTION for ok (100 ms), fails (rejects at 200 ms) and slow (300 ms)');
  });

  test('when nothing fails, it waits for every item, like ALL_COMPLETED', points(2, FIRST_EXCEPTION_RULE), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { a: () => later(100, 'a'), b: () => later(300, 'b') }), { returnWhen: FIRST_EXCEPTION }, line);
    await clock.advance(300);
    line.expect({ a: [0, 100], b: [0, 300], wait: [0, 300] }, 'with FIRST_EXCEPTION and no failure, wait should return when the last item settles, as ALL_COMPLETED does, at 300 ms');
    expectSplit(waiting, { done: ['a', 'b'], pending: [], at: 300 }, 'wait with FIRST_EXCEPTION for a (100 ms) and b (300 ms), neither failing,');
  });
});

describe('how wait learns that an item has settled', () => {
  test('the sets are taken in the callback that meets the condition: an item seen just after is pending', points(2, IN_THE_CALLBACK), async () => {
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
    expectSplit(first, { done: ['a'], pending: ['b'], at: 0 }, 'wait with FIRST_COMPLETED for a and b, b settling in a callback that ran before wait saw a,');
    expectSplit(exception, { done: ['c'], pending: ['d'], at: 0 }, 'wait with FIRST_EXCEPTION for c and d, d rejecting in a callback that ran before wait saw c,');
  });

  test('only the first callback an item calls counts', points(1, FIRST_CALLBACK), async () => {
    const noisy = noisyThenable('first', 'again');
    const slow = later(100, 'slow');
    const named = { noisy: noisy as unknown as Promise<unknown>, slow };
    const all = waitFor(named);
    const exception = waitFor(named, { returnWhen: FIRST_EXCEPTION });
    await clock.advance(99);
    expectSplit(all, 'pending', 'at 99 ms, wait with ALL_COMPLETED (the noisy item counts once, so wait waits for slow)');
    expectSplit(exception, 'pending', 'at 99 ms, wait with FIRST_EXCEPTION (the noisy item fulfilled first, so it is no failure)');
    await clock.advance(1);
    expectSplit(all, { done: ['noisy', 'slow'], pending: [], at: 100 }, 'wait with ALL_COMPLETED for noisy (fulfils at once, then calls back twice more) and slow (100 ms)');
    expectSplit(exception, { done: ['noisy', 'slow'], pending: [], at: 100 }, 'wait with FIRST_EXCEPTION for the same items');
  });

  test('an item whose then throws counts as rejected, and wait still resolves', points(1, FIRST_CALLBACK), async () => {
    const broken = throwingThenable<string>(new Error('then threw'));
    const named = { broken: broken as unknown as Promise<unknown>, slow: later(100, 'slow') };
    let waiting: ReturnType<typeof waitFor> | undefined;
    expect(() => {
      waiting = waitFor(named, { returnWhen: FIRST_EXCEPTION });
    }, 'wait should not throw').not.toThrow();
    await clock.settle();
    expectSplit(waiting!, { done: ['broken'], pending: ['slow'], at: 0 }, 'wait with FIRST_EXCEPTION for broken (its then throws) and slow (100 ms)');
    await clock.advance(100);
  });
});

describe('timeout', () => {
  test('returns after timeout ms with what has settled by then', points(2, TIMEOUT), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { fast: () => later(100, 'fast'), slow: () => later(300, 'slow') }), { timeout: 200 }, line);
    await clock.advance(200);
    const at200 = waiting.split();
    await clock.advance(100);
    line.expect({ fast: [0, 100], slow: [0, 300], wait: [0, 200] }, 'with a timeout of 200 ms, wait should return at 200 ms, with slow still running');
    expectSplit(at200, { done: ['fast'], pending: ['slow'], at: 200 }, 'wait with a timeout of 200 ms for fast (100 ms) and slow (300 ms)');
  });

  test('running out of time with nothing settled resolves with everything pending', points(1, TIMEOUT), async () => {
    const line = timeline(clock);
    const waiting = waitFor(drawn(line, { a: () => later(500, 'a'), b: () => failLater(600, new Error('late')) }), { returnWhen: FIRST_COMPLETED, timeout: 100 }, line);
    await clock.advance(100);
    const at100 = waiting.split();
    await clock.advance(500);
    line.expect({ a: [0, 500], b: [0, 600], wait: [0, 100] }, 'with a timeout of 100 ms, wait should return at 100 ms, before any item has settled');
    expectSplit(at100, { done: [], pending: ['a', 'b'], at: 100 }, 'wait with FIRST_COMPLETED and a timeout of 100 ms for a (500 ms) and b (rejects at 600 ms)');
  });

  test('clears its timer when it returns before the timeout', points(2, CLEARS_TIMER), async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const waiting = waitFor({ first: first.promise, second: second.promise }, { timeout: 1000 });
    await clock.settle();
    first.resolve('1');
    second.resolve('2');
    await clock.settle();
    expectSplit(waiting, { done: ['first', 'second'], pending: [], at: 0 }, 'wait with a timeout of 1000 ms for first and second, both resolved at 0 ms,');
    expect(clock.pendingTimers(), 'timers left once wait has returned before its timeout').toBe(0);
  });

  test('starts no timer without a timeout, not even one it clears', points(1, NO_LIMIT), async () => {
    const item = deferred<string>();
    const without = waitFor({ item: item.promise });
    const undefinedTimeout = waitFor({ item: item.promise }, { returnWhen: FIRST_COMPLETED, timeout: undefined });
    await clock.settle();
    item.resolve('x');
    await clock.settle();
    expectSplit(without, { done: ['item'], pending: [], at: 0 }, 'wait without options');
    expectSplit(undefinedTimeout, { done: ['item'], pending: [], at: 0 }, 'wait with FIRST_COMPLETED and timeout: undefined');
    expect(clock.timersStarted(), 'timers started by wait without a timeout').toBe(0);
  });

  test('a timeout of 0 or less waits for a setTimeout(…, 0): items already settled are done', points(2, ZERO_TIMEOUT), async () => {
    const line = timeline(clock);
    const items = drawn(line, { ready: () => Promise.resolve('ready'), slow: () => later(100, 'slow') });
    const zero = waitFor(items, { timeout: 0 }, line, 'wait, timeout 0');
    const negative = waitFor(items, { timeout: -5 }, line, 'wait, timeout -5');
    await clock.settle();
    const splits = [zero.split(), negative.split()] as const;
    await clock.advance(100);
    line.expect(
      { ready: [0, 0], slow: [0, 100], 'wait, timeout 0': [0, 0], 'wait, timeout -5': [0, 0] },
      'a timeout of 0 or less is still a limit: both waits should return at 0 ms, on a 0 ms timer, without waiting for slow',
    );
    expectSplit(splits[0], { done: ['ready'], pending: ['slow'], at: 0 }, 'wait with timeout: 0 for ready (already resolved) and slow (100 ms)');
    expectSplit(splits[1], { done: ['ready'], pending: ['slow'], at: 0 }, 'wait with timeout: -5 for the same items');
  });

  test('a timeout of Infinity means no limit and starts no timer', points(1, NO_LIMIT), async () => {
    const line = timeline(clock);
    const item = deferred<string>();
    const before = clock.timersStarted();
    const waiting = waitFor(drawn(line, { item: () => item.promise }), { timeout: Infinity }, line);
    await clock.advance(10_000);
    const at10s = waiting.split();
    item.resolve('x');
    await clock.settle();
    line.expect({ item: [0, 10_000], wait: [0, 10_000] }, 'with timeout: Infinity there is no limit: wait should return only when the item settles, at 10 s');
    expectSplit(at10s, 'pending', 'after 10 s, wait with timeout: Infinity');
    expectSplit(waiting, { done: ['item'], pending: [], at: 10_000 }, 'wait with timeout: Infinity for an item resolved at 10 s');
    expect(clock.timersStarted() - before, 'timers started by wait with timeout: Infinity').toBe(0);
  });
});

describe('what it returns', () => {
  test('the two sets do not change when items settle after it has returned', points(2, SNAPSHOT), async () => {
    const waiting = ex.wait([later(100, 'a'), later(200, 'b'), failLater(300, new Error('c'))], { returnWhen: FIRST_COMPLETED });
    await clock.advance(100);
    const { done, pending } = await waiting;
    expect([done.size, pending.size], 'the sizes of done and pending when wait with FIRST_COMPLETED returned at 100 ms').toEqual([1, 2]);
    await clock.advance(200);
    expect([done.size, pending.size], 'the sizes of the same two sets at 300 ms, once the other items have settled').toEqual([1, 2]);
  });

  test('an empty input resolves at once with two empty sets, whatever returnWhen, and starts no timer', points(2, EMPTY), async () => {
    const waits = [
      waitFor({}),
      waitFor({}, { returnWhen: FIRST_COMPLETED }),
      waitFor({}, { returnWhen: FIRST_EXCEPTION, timeout: 1000 }),
      waitFor({}, { returnWhen: ALL_COMPLETED, timeout: 1000 }),
    ];
    await clock.settle();
    for (const waiting of waits) expectSplit(waiting, { done: [], pending: [], at: 0 }, 'wait for no items');
    expect(clock.timersStarted(), 'timers started by wait([])').toBe(0);
  });

  test('accepts any iterable, and leaves a Set passed in as it was', points(1, ANY_ITERABLE), async () => {
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
    expect(split(fromGenerator), `wait with a timeout of 200 ms over a generator of a (100 ms) and b (300 ms), as names: ${show(split(fromGenerator))}`).toEqual({ done: ['a'], pending: ['b'] });
    expect(split(fromSet), `wait with FIRST_COMPLETED over a Set of a and b, as names: ${show(split(fromSet))}`).toEqual({ done: ['a'], pending: ['b'] });
    const result = fromSet.value() as { done: Set<unknown>; pending: Set<unknown> };
    expect(result.done !== input && result.pending !== input, 'done and pending should be new sets, not the Set passed in').toBe(true);
    expect(names(input), 'the Set passed in should still hold both items').toEqual(['a', 'b']);
    await clock.advance(100);
  });

  test('a promise passed twice counts once', points(1, COUNTS_ONCE), async () => {
    const twice = later(100, 'same');
    const waiting = track(ex.wait([twice, twice]));
    await clock.advance(100);
    expect(waiting.state(), `wait([p, p]), p resolving at 100 ms, should have resolved at 100 ms, but it is ${waiting.state()}`).toBe('resolved');
    const { done, pending } = waiting.value() as { done: Set<unknown>; pending: Set<unknown> };
    expect([done.size, pending.size, done.has(twice)], '[done.size, pending.size, done.has(the promise)] after wait([p, p])').toEqual([1, 0, true]);
  });

  test('items that fail, before or after it returns, are never reported as unhandled', points(2, NOTHING_UNHANDLED), async () => {
    const first = waitFor({ fails: failLater(100, new Error('before')), ok: later(200, 'ok') }, { returnWhen: ALL_COMPLETED });
    const second = waitFor({ ok: later(50, 'ok'), a: failLater(150, new Error('after')), b: failLater(250, new Error('after too')) }, { returnWhen: FIRST_COMPLETED });
    await clock.advance(250);
    expectSplit(first, { done: ['fails', 'ok'], pending: [], at: 200 }, 'wait with ALL_COMPLETED for fails (rejects at 100 ms) and ok (200 ms)');
    expectSplit(second, { done: ['ok'], pending: ['a', 'b'], at: 50 }, 'wait with FIRST_COMPLETED for ok (50 ms), a (rejects at 150 ms) and b (rejects at 250 ms)');
    await noUnhandledRejectionsYet();
  });
});
