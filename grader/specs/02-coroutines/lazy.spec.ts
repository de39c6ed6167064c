// Hidden spec of 02-coroutines/lazy.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. `lazy(fn)` does not call `fn` and starts nothing (no timer).
//       - lazy(fn) does not call fn and starts no timer
//  2. Neither does storing the `Lazy`, passing it around, reading `started` or letting time pass.
//       - storing it, passing it around, reading started and letting time pass do not call fn
//       - its time starts when it is first awaited, not when it is created
//  3. A `Lazy` that nobody awaits never calls `fn`, so it never causes an unhandled rejection.
//       - a Lazy of a failing fn that nobody awaits never runs fn and reports no unhandled rejection
//  4. The first `then` (or `catch`) calls `fn` synchronously, before that call returns.
//       - the first then calls fn synchronously, before it returns
//       - catch starts it too, synchronously
//       - await starts it: awaiting runs fn and gives its value
//  5. `started`: false until the first `then`/`catch`, true from that call on, for good: already
//     while `fn` runs, and after it has finished or failed.
//       - started is false before the first then and true right after it
//       - started is already true while fn runs inside the first then
//       - catch starts it too, synchronously
//       - started stays true after fn has finished
//       - started stays true after fn has failed
//  6. `fn` is called at most once; every `then`/`catch`/`await` sees the same outcome, after `fn`
//     has finished, while its promise is pending, and from inside `fn` itself.
//       - awaiting twice in a row runs fn once and gives the same value
//       - two awaits in flight together run fn once, and both get the value when fn finishes
//       - awaiting after fn has finished gives the value at once, without running fn or starting a timer
//       - many direct then calls run fn once
//       - a then called from inside fn itself does not call fn again and gets the same outcome
//       - Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all
//  7. A failure is kept, not retried; a value is kept too, even `undefined`.
//       - a rejection reaches every awaiter with the same error object, and fn runs once
//       - a failure is kept, not retried: awaiting again later rejects with the same error without running fn
//       - a value of undefined, null or 0 is kept too: fn runs once
//  8. `fn` may return any value, a promise or any other thenable: the outcome is what it settles to,
//     as with `Promise.resolve`.
//       - fn may return a plain value
//       - fn may return a thenable that is not a Promise
//       - a thenable whose then throws gives a rejection with what it threw
//       - (a promise: every test built on slow() and failing())
//  9. A synchronous throw from `fn` becomes a rejection with exactly what it threw; `then` does not throw.
//       - a synchronous throw from fn becomes a rejection: then does not throw
//       - after a synchronous throw, every await rejects with the same error and fn is not called again
//       - a synchronous throw of a value that is not an Error rejects with exactly that value: a string, undefined
// 10. `then` and `catch` return real Promises; a Lazy works with await, Promise.all, race, resolve.
//       - then returns a real Promise, so calls can be chained
//       - catch returns a real Promise that resolves with what the handler returns
//       - works wherever a promise does: Promise.race and Promise.resolve
//       - Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all
// 11. `then` settles as `promise.then(onFulfilled, onRejected)` would on the outcome.
//       - then with no callbacks passes the value through
//       - the onRejected of then receives the error and its return value resolves the promise
//       - an onFulfilled that throws rejects the promise then returned, with what it threw
//       - catch returns a real Promise that resolves with what the handler returns
// 12. `then` never calls `onFulfilled` or `onRejected` synchronously.
//       - then never calls its callbacks synchronously, even once the value or the error is ready
// 13. The only promises that can reject are those `then` and `catch` return: handled, nothing is reported.
//       - rejections that are caught leave no unhandled rejection behind
import { describe, expect, test } from 'vitest';
import {
  type Outcome,
  type Timeline,
  captureUnhandledRejections,
  expectList,
  loadExercise,
  points,
  realTick,
  show,
  sleep,
  timeline,
  track,
  useVirtualTime,
  inOrder,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/02-coroutines/lazy.ts');

const ex = loadExercise<Module>('02-coroutines/lazy', ['lazy']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/**
 * Where a function draws its calls: on `line`, the first one as the piece `name`, the next ones as
 * `name (call 2)`, `name (call 3)` and so on, each from the call until it settles.
 */
interface Drawn {
  readonly line: Timeline;
  readonly name?: string;
}

/** The label of call number `call` of a function drawn as `name`: `fn`, then `fn (call 2)`, … */
const callLabel = (name: string, call: number): string => (call === 1 ? name : `${name} (call ${call})`);

/** A function that counts its calls and answers `value` after `ms` of virtual time (drawing each call on a timeline, if given one). */
function slow<T>(ms: number, value: T, drawn?: Drawn): { fn: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    fn: async () => {
      const label = callLabel(drawn?.name ?? 'fn', ++calls);
      drawn?.line.start(label);
      await sleep(ms);
      drawn?.line.end(label);
      return value;
    },
    calls: () => calls,
  };
}

/** A function that counts its calls and rejects with `error` after `ms` of virtual time (drawing each call on a timeline, if given one). */
function failing(ms: number, error: unknown, drawn?: Drawn): { fn: () => Promise<never>; calls: () => number } {
  let calls = 0;
  return {
    fn: async () => {
      const label = callLabel(drawn?.name ?? 'fn', ++calls);
      drawn?.line.start(label);
      await sleep(ms);
      drawn?.line.end(label);
      throw error;
    },
    calls: () => calls,
  };
}

// What helps a learner who fails a test: a hint of its own and the lesson heading that teaches the
// point (laziness, eager calls, errors and floating promises, and the exercise itself).
const NOT_IN_LAZY = {
  hint: '`lazy(fn)` only builds the object: keep `fn` and call it from the first `then`, never from `lazy` itself or from a timer or microtask it schedules.',
  section: 'getting-laziness-back',
} as const;
const TIME_STARTS_AT_AWAIT = {
  hint: 'The work of `fn` begins when `fn` is called: call it in the first `then`, so that the time it takes is counted from the first `await`, not from `lazy(fn)`.',
  section: 'getting-laziness-back',
} as const;
const NOBODY_AWAITS = {
  hint: 'If nobody calls `then`, nothing may run: no call of `fn`, and so no promise that rejects with nobody to handle it.',
  section: 'floating-promises',
} as const;
const STARTED_AFTER_THEN = {
  hint: '`started` is `false` until the first `then` or `catch` and `true` from that call on: set it inside `then` itself, not when `fn` finishes.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const STARTED_WHILE_RUNNING = {
  hint: '`fn` may read `started` while it runs: set `started` to `true` before you call `fn`, not after it has returned.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const STAYS_STARTED = {
  hint: 'Once `started` is `true` it stays `true`: do not reset it when `fn` finishes or fails.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const SYNC_START = {
  hint: 'Call `fn` inside the first `then` call itself, before it returns: not in a `queueMicrotask`, a `.then` callback or a timer.',
  section: 'calling-an-async-function-starts-it',
} as const;
const AWAIT_STARTS = {
  hint: '`await` calls your `then(onFulfilled, onRejected)`: start `fn` there, and settle the promise you return with its outcome.',
  section: 'getting-laziness-back',
} as const;
const CATCH_STARTS = {
  hint: '`catch(onRejected)` is `then(undefined, onRejected)`: it starts `fn` and sets `started` just as `then` does, and returns the real `Promise` that `then` gives.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const RUNS_ONCE = {
  hint: 'Keep the promise of `fn`’s outcome from the first `then`, and build every later `then` on that same promise: `fn` runs once, whether the later awaits come while it works or long after.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const REENTRANT = {
  hint: '`fn` may call `then` on its own `Lazy` while it runs: have the promise of the outcome stored, and `started` set, before you call `fn`, so that such a call finds them and does not call `fn` again.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const RUNS_CONCURRENTLY = {
  hint: 'Each `Lazy` calls its own `fn` as soon as its `then` is called, so `Promise.all` runs both at once; wait for nothing else before calling `fn`.',
  section: 'sequential-and-concurrent-awaits',
} as const;
const FALSY_VALUE_KEPT = {
  hint: 'Tell "not started yet" apart from the outcome: a value of `undefined`, `null` or `0` is an outcome too, so check `started` or whether the promise exists, not the stored value.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const FOLLOWS_WHAT_FN_RETURNS = {
  hint: 'Hand what `fn` returns to the `resolve` of the promise you keep instead of examining it yourself: `resolve` takes a plain value, follows a promise or any other thenable, and rejects when that thenable’s `then` throws.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const SAME_ERROR = {
  hint: 'A failure is an outcome like a value: settle the one promise you keep with the error `fn` failed with, and let every `then` read it from there, so that all awaiters get that very error and `fn` runs once.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const NOT_RETRIED = {
  hint: 'Keep the rejected promise after `fn` fails and hand it to every later `then`: a failure is not a reason to call `fn` again.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const SYNC_THROW = {
  hint: 'Call `fn` inside a `try`/`catch`, or inside a `new Promise` executor: a synchronous throw must become a rejection of the outcome, not escape from `then`.',
  section: 'errors-become-rejections',
} as const;
const SYNC_THROW_AS_IS = {
  hint: 'Reject with exactly what `fn` threw, even a string or `undefined`: do not wrap it in an `Error`.',
  section: 'errors-become-rejections',
} as const;
const SYNC_THROW_KEPT = {
  hint: 'A synchronous throw is an outcome like any other: keep the rejected promise it gives, and do not call `fn` again on the next `then`.',
  section: 'errors-become-rejections',
} as const;
const REAL_PROMISE = {
  hint: 'Return what the `then` of the promise you keep returns: a real `Promise`, which can be chained and which settles as the outcome dictates.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const THEN_AS_PROMISE_THEN = {
  hint: 'Pass `onFulfilled` and `onRejected` on, as they are, to the `then` of the promise you keep: it already passes a value through when they are missing, and rejects when one of them throws.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const NEVER_SYNC_CALLBACKS = {
  hint: 'Even when the outcome is already known, let the `then` of the promise you keep call the callbacks (it does so in a microtask); never call `onFulfilled` or `onRejected` yourself.',
  section: 'lazy-a-lazy-coroutine-that-starts-when-first-awaited',
} as const;
const NO_SIDE_CHAIN = {
  hint: 'Only the promises that `then` and `catch` return may reject: a side chain on the promise you keep (a `.finally(…)`, or a `.then(…)` without `onRejected`) that nobody handles is reported as unhandled.',
  section: 'floating-promises',
} as const;
const LIKE_A_PROMISE = {
  hint: '`Promise.race` and `Promise.resolve` call your `then` with two callbacks, as `await` does: start `fn` there and settle through the promise you keep.',
  section: 'getting-laziness-back',
} as const;

type Settled = Outcome<unknown>;

/** How a promise stands, in words: `still pending`, `resolved with 'a' at 10 ms`. */
function words(outcome: Settled): string {
  if (outcome === 'pending') return 'still pending';
  return 'resolved' in outcome ? `resolved with ${show(outcome.resolved)} at ${outcome.at} ms` : `rejected with ${show(outcome.rejected)} at ${outcome.at} ms`;
}

/** Fails unless `actual` equals `expected`, saying both in words: "… should have resolved with 'a' at 10 ms, but it is still pending". */
function expectSettled(actual: Settled, expected: Exclude<Settled, 'pending'>, what: string): void {
  expect(actual, `${what} should have ${words(expected)}, but it ${actual === 'pending' ? 'is still pending' : words(actual)}`).toEqual(expected);
}

/** Calls `then` or `catch` directly; a synchronous throw fails the test with a message that says so. */
function callOrExplain<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new Error(`${what} threw ${show(error)} at once; then and catch should never throw, but return a promise`);
  }
}

describe('not starting early', () => {
  test('lazy(fn) does not call fn and starts no timer', points(2, NOT_IN_LAZY), () => {
    let calls = 0;
    ex.lazy(() => {
      calls++;
      return 1;
    });
    expect(calls, 'calls of fn made by lazy(fn)').toBe(0);
    expect(clock.timersStarted(), 'timers started by lazy(fn)').toBe(0);
  });

  test('storing it, passing it around, reading started and letting time pass do not call fn', points(2, NOT_IN_LAZY), async () => {
    const work = slow(100, 'value');
    const stored = { task: ex.lazy(work.fn) };
    const passed = [stored.task, stored.task];
    const readStarted = passed.map((task) => task.started);
    await clock.advance(1000);
    await realTick();
    expectList(readStarted, [false, false], 'started, read twice before any then,');
    expect(work.calls(), 'calls of fn after 1000 ms without any then').toBe(0);
    expect(clock.timersStarted(), 'timers started without any then').toBe(0);
  });

  test('started is false before the first then and true right after it', points(2, STARTED_AFTER_THEN), () => {
    const task = ex.lazy(slow(100, 'value').fn);
    expect(task.started, 'started before any then').toBe(false);
    void task.then();
    expect(task.started, 'started right after the first then').toBe(true);
  });

  test('started is already true while fn runs inside the first then', points(2, STARTED_WHILE_RUNNING), async () => {
    const seen: boolean[] = [];
    const task = ex.lazy(() => {
      seen.push(task.started);
      return 'value';
    });
    const result = track(task.then((value) => value));
    await clock.settle();
    expectList(seen, [true], 'the values of started that fn read while it ran');
    expectSettled(result.outcome(), { resolved: 'value', at: 0 }, 'the first then, on a fn that returns "value" at once,');
  });

  test('the first then calls fn synchronously, before it returns', points(2, SYNC_START), () => {
    const events: string[] = [];
    const task = ex.lazy(() => {
      events.push('fn runs');
      return 'value';
    });
    events.push('before then');
    void task.then(() => undefined);
    events.push('after then');
    expect(inOrder(events), 'fn should run inside the first then call').toBe(inOrder(['before then', 'fn runs', 'after then']));
  });

  test('await starts it: awaiting runs fn and gives its value', points(1, AWAIT_STARTS), async () => {
    const work = slow(100, 'value');
    const task = ex.lazy(work.fn);
    const result = track(task);
    await clock.advance(100);
    expectSettled(result.outcome(), { resolved: 'value', at: 100 }, 'await lazy(fn that answers "value" after 100 ms)');
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('its time starts when it is first awaited, not when it is created', points(2, TIME_STARTS_AT_AWAIT), async () => {
    const line = timeline(clock);
    const task = ex.lazy(slow(300, 'value', { line }).fn);
    await clock.advance(500);
    const result = track(line.run('await at 500', () => task));
    await clock.advance(300);
    line.expect(
      { fn: [500, 800], 'await at 500': [500, 800] },
      'a Lazy created at 0 and first awaited at 500 ms should call fn at 500 ms, not at 0: fn takes 300 ms, so the await ends at 800 ms',
    );
    expectSettled(result.outcome(), { resolved: 'value', at: 800 }, 'created at 0, awaited at 500, fn takes 300 ms: at 800 ms,');
  });

  test('catch starts it too, synchronously', points(1, CATCH_STARTS), async () => {
    const work = slow(10, 'value');
    const task = ex.lazy(work.fn);
    void task.catch(() => undefined);
    expect(work.calls(), 'calls of fn right after the first catch').toBe(1);
    expect(task.started, 'started right after the first catch').toBe(true);
  });

  test('a Lazy of a failing fn that nobody awaits never runs fn and reports no unhandled rejection', points(2, NOBODY_AWAITS), async () => {
    let calls = 0;
    ex.lazy(() => {
      calls++;
      throw new Error('never seen');
    });
    ex.lazy(async () => {
      calls++;
      throw new Error('never seen either');
    });
    await clock.runAll();
    await realTick();
    await realTick();
    expect(calls, 'calls of fn without any then').toBe(0);
    expectList(unhandled, [], 'the rejections nobody handled');
  });
});

describe('running once', () => {
  test('awaiting twice in a row runs fn once and gives the same value', points(2, RUNS_ONCE), async () => {
    const value = { answer: 42 };
    const work = slow(100, value);
    const task = ex.lazy(work.fn);
    const first = track(task);
    await clock.advance(100);
    const second = track(task);
    await clock.settle();
    expectSettled(first.outcome(), { resolved: value, at: 100 }, 'the first await');
    expectSettled(second.outcome(), { resolved: value, at: 100 }, 'the second await, once fn has finished,');
    expect(second.value(), 'the very object fn gave').toBe(value);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('two awaits in flight together run fn once, and both get the value when fn finishes', points(3, RUNS_ONCE), async () => {
    const line = timeline(clock);
    const work = slow(500, 'shared', { line });
    const task = ex.lazy(work.fn);
    const early = track(line.run('await at 0', () => task));
    await clock.advance(200);
    const late = track(line.run('await at 200', () => task));
    await clock.advance(600);
    line.expect(
      { fn: [0, 500], 'await at 0': [0, 500], 'await at 200': [200, 500] },
      'fn should run once, from the first await at 0 to 500 ms; the await made at 200 ms, while fn runs, should wait for that same call and end with it at 500 ms',
    );
    expectSettled(early.outcome(), { resolved: 'shared', at: 500 }, 'awaited at 0');
    expectSettled(late.outcome(), { resolved: 'shared', at: 500 }, 'awaited at 200, while fn was still running,');
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('awaiting after fn has finished gives the value at once, without running fn or starting a timer', points(1, RUNS_ONCE), async () => {
    const line = timeline(clock);
    const work = slow(500, 'done', { line });
    const task = ex.lazy(work.fn);
    const first = track(line.run('await at 0', () => task));
    await clock.advance(500);
    expectSettled(first.outcome(), { resolved: 'done', at: 500 }, 'the first await, fn takes 500 ms,');
    await clock.advance(300);
    const timersBefore = clock.timersStarted();
    const later = track(line.run('await at 800', () => task));
    await clock.settle();
    const timersStarted = clock.timersStarted() - timersBefore;
    await clock.advance(600);
    line.expect(
      { fn: [0, 500], 'await at 0': [0, 500], 'await at 800': [800, 800] },
      'fn should run once, from 0 to 500 ms; an await made at 800 ms, long after it finished, should get the kept value at once, without calling fn again',
    );
    expectSettled(later.outcome(), { resolved: 'done', at: 800 }, 'awaited at 800, long after fn finished,');
    expect(timersStarted, 'timers started by the late await').toBe(0);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('many direct then calls run fn once', points(1, RUNS_ONCE), async () => {
    let calls = 0;
    const task = ex.lazy(() => ++calls);
    const results = track(Promise.all([task.then(), task.then((n) => n * 10), task.then(String), task.catch(() => -1)]));
    await clock.settle();
    expectSettled(results.outcome(), { resolved: [1, 10, '1', 1], at: 0 }, 'then(), then(n => n * 10), then(String), catch(() => -1),');
    expect(calls, 'calls of fn').toBe(1);
  });

  test('a then called from inside fn itself does not call fn again and gets the same outcome', points(2, REENTRANT), async () => {
    let calls = 0;
    let inner: Promise<string> | undefined;
    const task = ex.lazy((): string => {
      calls++;
      if (calls > 3) throw new Error('fn was called again and again');
      inner ??= task.then((value) => `inner saw ${value}`);
      return `value ${calls}`;
    });
    const outer = track(callOrExplain('the first then (fn calls then on its own Lazy)', () => task.then((value) => `outer saw ${value}`)));
    await clock.settle();
    expect(calls, 'calls of fn, when fn itself calls then on its own Lazy').toBe(1);
    expectSettled(outer.outcome(), { resolved: 'outer saw value 1', at: 0 }, 'the outer then(value => `outer saw ${value}`)');
    const innerOutcome = track(inner!);
    await clock.settle();
    expectSettled(innerOutcome.outcome(), { resolved: 'inner saw value 1', at: 0 }, 'the then called from inside fn');
  });

  test('Promise.all of two Lazy values runs both at once: 300 ms and 200 ms take 300 ms in all', points(2, RUNS_CONCURRENTLY), async () => {
    const line = timeline(clock);
    const a = slow(300, 'a', { line, name: 'fn of a' });
    const b = slow(200, 'b', { line, name: 'fn of b' });
    const both = track(line.run('Promise.all', () => Promise.all([ex.lazy(a.fn), ex.lazy(b.fn)])));
    await clock.advance(600);
    line.expect(
      { 'fn of a': [0, 300], 'fn of b': [0, 200], 'Promise.all': [0, 300] },
      'Promise.all of a Lazy of 300 ms and a Lazy of 200 ms should start both fns at once, at 0 ms, and resolve when the slower ends: 300 ms in all, not 500',
    );
    expectSettled(both.outcome(), { resolved: ['a', 'b'], at: 300 }, 'Promise.all of a Lazy of 300 ms and a Lazy of 200 ms');
    expectList([a.calls(), b.calls()], [1, 1], 'the calls of each fn (300 ms, 200 ms)');
  });

  test('a value of undefined, null or 0 is kept too: fn runs once', points(2, FALSY_VALUE_KEPT), async () => {
    for (const value of [undefined, null, 0]) {
      let calls = 0;
      const task = ex.lazy(async () => {
        calls++;
        await sleep(10);
        return value;
      });
      const first = track(task);
      await clock.advance(10);
      const second = track(task);
      await clock.advance(10);
      expect(first.state(), `the first await of a fn that gives ${String(value)}`).toBe('resolved');
      expect(second.state(), `the second await of a fn that gives ${String(value)}`).toBe('resolved');
      expect(second.value(), `the second await of a fn that gives ${String(value)}`).toBe(value);
      expect(calls, `calls of a fn that gives ${String(value)}, awaited twice`).toBe(1);
    }
  });

  test('fn may return a plain value', points(1, FOLLOWS_WHAT_FN_RETURNS), async () => {
    const task = ex.lazy(() => 'plain');
    const result = track(task);
    await clock.settle();
    expectSettled(result.outcome(), { resolved: 'plain', at: 0 }, 'lazy(() => "plain")');
  });

  test('fn may return a thenable that is not a Promise', points(1, FOLLOWS_WHAT_FN_RETURNS), async () => {
    const thenable: PromiseLike<string> = {
      then(onFulfilled) {
        setTimeout(() => onFulfilled?.('from a thenable'), 50);
        return Promise.resolve() as never;
      },
    };
    const result = track(ex.lazy(() => thenable));
    await clock.advance(50);
    expectSettled(result.outcome(), { resolved: 'from a thenable', at: 50 }, 'lazy(() => a thenable that fulfils with "from a thenable" at 50 ms)');
  });

  test('a thenable whose then throws gives a rejection with what it threw', points(1, FOLLOWS_WHAT_FN_RETURNS), async () => {
    const error = new Error('then is broken');
    const broken: PromiseLike<string> = {
      then() {
        throw error;
      },
    };
    const task = ex.lazy(() => broken);
    let result: Promise<string> | undefined;
    expect(() => {
      result = task.then((value) => value);
    }, 'then should not throw').not.toThrow();
    const outcome = track(result!);
    await clock.settle();
    expectSettled(outcome.outcome(), { rejected: error, at: 0 }, 'lazy(() => a thenable whose then throws)');
  });

  test('started stays true after fn has finished', points(1, STAYS_STARTED), async () => {
    const task = ex.lazy(slow(10, 'value').fn);
    const result = track(task);
    await clock.advance(10);
    expectSettled(result.outcome(), { resolved: 'value', at: 10 }, 'the first await, fn takes 10 ms,');
    expect(task.started, 'started once fn has finished').toBe(true);
  });
});

describe('failures', () => {
  test('a rejection reaches every awaiter with the same error object, and fn runs once', points(3, SAME_ERROR), async () => {
    const error = new Error('boom');
    const line = timeline(clock);
    const work = failing(400, error, { line });
    const task = ex.lazy(work.fn);
    const first = track(line.run('await at 0', () => task));
    await clock.advance(100);
    const second = track(line.run('await at 100', () => task));
    await clock.advance(500);
    line.expect(
      { fn: [0, 400], 'await at 0': [0, 400], 'await at 100': [100, 400] },
      'fn should run once, from the first await at 0 until it fails at 400 ms; the await made at 100 ms, while fn runs, should fail with it at 400 ms',
    );
    expectSettled(first.outcome(), { rejected: error, at: 400 }, 'awaited at 0, fn fails at 400 ms,');
    expectSettled(second.outcome(), { rejected: error, at: 400 }, 'awaited at 100, while fn was running,');
    expect(first.value(), 'the very error fn failed with').toBe(error);
    expect(second.value(), 'the very error fn failed with').toBe(error);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('a failure is kept, not retried: awaiting again later rejects with the same error without running fn', points(2, NOT_RETRIED), async () => {
    const error = new Error('boom');
    const line = timeline(clock);
    const work = failing(100, error, { line });
    const task = ex.lazy(work.fn);
    const first = track(line.run('await at 0', () => task));
    await clock.advance(100);
    expectSettled(first.outcome(), { rejected: error, at: 100 }, 'the first await, fn fails at 100 ms,');
    await clock.advance(100);
    const again = track(line.run('await at 200', () => task));
    await clock.advance(100);
    line.expect(
      { fn: [0, 100], 'await at 0': [0, 100], 'await at 200': [200, 200] },
      'fn should run once, failing at 100 ms; an await made at 200 ms should reject at once with the kept error, without calling fn again',
    );
    expectSettled(again.outcome(), { rejected: error, at: 200 }, 'awaited again at 200, after fn had failed at 100,');
    expect(again.value(), 'the very error fn failed with').toBe(error);
    expect(work.calls(), 'calls of fn').toBe(1);
  });

  test('a synchronous throw from fn becomes a rejection: then does not throw', points(2, SYNC_THROW), async () => {
    const error = new TypeError('thrown at once');
    const task = ex.lazy((): string => {
      throw error;
    });
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = task.then((value) => value);
    }, 'then should not throw when fn throws').not.toThrow();
    expect(result, 'what then returns when fn throws should be a Promise').toBeInstanceOf(Promise);
    const outcome = track(result!);
    await clock.settle();
    expectSettled(outcome.outcome(), { rejected: error, at: 0 }, 'the promise then returned');
  });

  test('a synchronous throw of a value that is not an Error rejects with exactly that value: a string, undefined', points(2, SYNC_THROW_AS_IS), async () => {
    for (const thrown of ['a string', undefined]) {
      const task = ex.lazy((): string => {
        throw thrown;
      });
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = task.then((value) => value);
      }, `then should not throw when fn throws ${String(thrown)}`).not.toThrow();
      const outcome = track(result!);
      await clock.settle();
      expect(outcome.state(), `fn throws ${String(thrown)}`).toBe('rejected');
      expect(outcome.value(), `fn throws ${String(thrown)}: the rejection should be with exactly that`).toBe(thrown);
    }
  });

  test('after a synchronous throw, every await rejects with the same error and fn is not called again', points(1, SYNC_THROW_KEPT), async () => {
    let calls = 0;
    const error = new RangeError('thrown at once');
    const task = ex.lazy((): number => {
      calls++;
      throw error;
    });
    const first = track(task);
    const second = track(task);
    await clock.settle();
    const third = track(task);
    await clock.settle();
    expectSettled(first.outcome(), { rejected: error, at: 0 }, 'the first await of a fn that throws RangeError("thrown at once")');
    expectSettled(second.outcome(), { rejected: error, at: 0 }, 'the second await, made together with the first,');
    expectSettled(third.outcome(), { rejected: error, at: 0 }, 'the third await, made once the first two had settled,');
    for (const awaiter of [first, second, third]) expect(awaiter.value(), 'the very error fn threw').toBe(error);
    expect(calls, 'calls of fn').toBe(1);
  });

  test('rejections that are caught leave no unhandled rejection behind', points(2, NO_SIDE_CHAIN), async () => {
    const task = ex.lazy(failing(50, new Error('caught')).fn);
    const messages: string[] = [];
    const first = (async () => {
      try {
        await task;
      } catch (error) {
        messages.push((error as Error).message);
      }
    })();
    const second = task.then(undefined, (error: unknown) => messages.push((error as Error).message));
    const third = task.catch((error: unknown) => messages.push((error as Error).message));
    const all = track(Promise.all([first, second, third]));
    await clock.advance(50);
    await realTick();
    await realTick();
    expect(all.state(), 'three awaiters that each handle the error').toBe('resolved');
    expectList(messages, ['caught', 'caught', 'caught'], 'the messages of the errors the three awaiters caught');
    expectList(unhandled, [], 'the rejections nobody handled');
  });

  test('catch returns a real Promise that resolves with what the handler returns', points(1, CATCH_STARTS), async () => {
    const error = new Error('handled');
    const task = ex.lazy(failing(10, error).fn);
    const handled = task.catch((reason: unknown) => (reason === error ? 'recovered' : 'wrong error'));
    expect(handled, 'what catch returns').toBeInstanceOf(Promise);
    const outcome = track(handled);
    await clock.advance(10);
    expectSettled(outcome.outcome(), { resolved: 'recovered', at: 10 }, 'catch(handler) on a fn that fails at 10 ms');
  });

  test('started stays true after fn has failed', points(1, STAYS_STARTED), async () => {
    const error = new Error('x');
    const task = ex.lazy(failing(10, error).fn);
    const result = track(task);
    await clock.advance(10);
    expectSettled(result.outcome(), { rejected: error, at: 10 }, 'the first await, fn fails at 10 ms,');
    expect(task.started, 'started once fn has failed').toBe(true);
  });
});

describe('then', () => {
  test('then returns a real Promise, so calls can be chained', points(2, REAL_PROMISE), async () => {
    const task = ex.lazy(slow(10, 2).fn);
    const chained = task.then((n) => n + 1);
    expect(chained, 'what then returns').toBeInstanceOf(Promise);
    const result = track(chained.then((n) => n * 10).then(String));
    await clock.advance(10);
    expectSettled(result.outcome(), { resolved: '30', at: 10 }, 'then(n => n + 1).then(n => n * 10).then(String) on 2');
  });

  test('then with no callbacks passes the value through', points(1, THEN_AS_PROMISE_THEN), async () => {
    const task = ex.lazy(slow(10, 'through').fn);
    const result = track(task.then());
    await clock.advance(10);
    expectSettled(result.outcome(), { resolved: 'through', at: 10 }, 'then()');
  });

  test('the onRejected of then receives the error and its return value resolves the promise', points(1, THEN_AS_PROMISE_THEN), async () => {
    const error = new Error('no');
    const task = ex.lazy(failing(10, error).fn);
    const result = track(
      task.then(
        () => 'fulfilled',
        (reason: unknown) => (reason === error ? 'rejected with the error' : 'rejected with something else'),
      ),
    );
    await clock.advance(10);
    expectSettled(result.outcome(), { resolved: 'rejected with the error', at: 10 }, 'then(onFulfilled, onRejected) on a fn that fails,');
  });

  test('an onFulfilled that throws rejects the promise then returned, with what it threw', points(1, THEN_AS_PROMISE_THEN), async () => {
    const error = new Error('thrown by onFulfilled');
    const task = ex.lazy(() => 'value');
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = task.then(() => {
        throw error;
      });
    }, 'then should not throw').not.toThrow();
    const outcome = track(result!);
    await clock.settle();
    expectSettled(outcome.outcome(), { rejected: error, at: 0 }, 'then(a callback that throws)');
  });

  test('then never calls its callbacks synchronously, even once the value or the error is ready', points(2, NEVER_SYNC_CALLBACKS), async () => {
    const ready = ex.lazy(() => 'ready');
    const failed = ex.lazy((): string => {
      throw new Error('failed at once');
    });
    await clock.settle();
    const events: string[] = [];
    void ready.then(() => events.push('onFulfilled of the first then'));
    void callOrExplain('the first then of a Lazy whose fn throws', () => failed.then(undefined, () => events.push('onRejected of the first then')));
    expectList(events, [], 'the callbacks called inside the first then of each, once fn has returned or thrown,');
    await clock.settle();
    void ready.then(() => events.push('onFulfilled of a later then'));
    void callOrExplain('a later then of a Lazy whose fn threw', () => failed.then(undefined, () => events.push('onRejected of a later then')));
    void callOrExplain('a later catch of a Lazy whose fn threw', () => failed.catch(() => events.push('handler of a later catch')));
    expectList(events.slice(2), [], 'the callbacks called inside a later then or catch, once the outcome is known,');
    await clock.settle();
    expect([...events].sort(), `every callback should still run, in a microtask; those that ran: ${show([...events].sort())}`).toEqual(
      [
        'onFulfilled of the first then',
        'onRejected of the first then',
        'onFulfilled of a later then',
        'onRejected of a later then',
        'handler of a later catch',
      ].sort(),
    );
  });

  test('works wherever a promise does: Promise.race and Promise.resolve', points(1, LIKE_A_PROMISE), async () => {
    const race = track(Promise.race([ex.lazy(slow(300, 'slow').fn), ex.lazy(slow(100, 'fast').fn)]));
    const resolved = track(Promise.resolve(ex.lazy(slow(50, 'through Promise.resolve').fn)));
    await clock.advance(300);
    expectSettled(race.outcome(), { resolved: 'fast', at: 100 }, 'Promise.race of 300 ms and 100 ms');
    expectSettled(resolved.outcome(), { resolved: 'through Promise.resolve', at: 50 }, 'Promise.resolve(a Lazy of 50 ms)');
  });
});
