// Hidden spec of 02-coroutines/promisify.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. `promisify(fn)` itself does not call `fn`.
//       - promisify(fn) alone does not call fn
//  2. Each call calls `fn` at once, synchronously, before it returns.
//       - calls fn synchronously, before the promisified function returns (eager, like util.promisify)
//  3. … with the same arguments plus one more: a callback, right after the arguments given, however
//     many parameters `fn` declares.
//       - calls fn with the same arguments plus a callback as the last one
//       - a function that takes only the callback receives only the callback
//       - the callback comes right after the arguments given, even when fn declares more or fewer parameters
//  4. Each call calls `fn` once, with a new callback.
//       - every call calls fn again, once, with a new callback
//       - calls in flight together are independent: 300, 100 and 200 ms settle at their own times
//  5. It passes its `this` on to `fn`.
//       - passes this on: a promisified method assigned to an object runs with that object as this
//       - passes on the this given with call()
//  6. It returns a real `Promise`, settled at the moment the callback is called, without any timer.
//       - returns a real Promise
//       - resolves with the value at the virtual time the callback is called, not before
//       - a callback called synchronously inside fn settles the promise at once, without a timer
//  7. An `error` other than `null`/`undefined` rejects with exactly that error, whatever it is.
//       - rejects with exactly the error object given to the callback, at that virtual time
//       - an error of a subclass of Error keeps its class
//       - an error that is not an Error instance rejects too: a string, a plain object
//       - falsy errors other than null and undefined reject: 0, "", false and NaN
//  8. Otherwise it resolves with `value`: `undefined` without one, later arguments ignored.
//       - resolves with exactly the value object given to the callback
//       - an error of undefined counts as success
//       - a callback called with null alone resolves with undefined
//       - falsy values are values: (null, 0), (null, "") and (null, false) resolve with them
//       - arguments after the value are ignored: (null, "a", "b") resolves with "a"
//  9. Like `resolve`, it follows a `value` that is a promise or another thenable.
//       - a value that is itself a promise is followed, as resolve does
// 10. It never throws: a synchronous throw from `fn` rejects with exactly what was thrown, even
//     `undefined` or `null`.
//       - a synchronous throw inside fn becomes a rejection; the promisified function does not throw
//       - a synchronous throw of a value that is not an Error rejects with exactly that value: a string, undefined, null
// 11. Only the first call of the callback counts; later calls neither throw nor change the outcome,
//     and a throw from `fn` after it has called the callback changes nothing.
//       - only the first call counts: success then error resolves, and nothing is left unhandled
//       - only the first call counts: error then success rejects with the first error
//       - the second call of the callback returns normally instead of throwing
//       - a throw from fn after it has called the callback changes nothing
// 12. It makes no other promise that can reject: a handled rejection is not reported as unhandled.
//       - a rejection that the caller catches is not reported as unhandled
//       - only the first call counts: success then error resolves, and nothing is left unhandled
//
// The types (clause "TypeScript infers the types") are checked by the visible tests under
// `npm run typecheck`, not here.
import { describe, expect, test } from 'vitest';
import {
  type Outcome,
  type Timeline,
  captureUnhandledRejections,
  expectList,
  failLater,
  loadExercise,
  points,
  realTick,
  show,
  timeline,
  track,
  useVirtualTime,
  inOrder,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/02-coroutines/promisify.ts');
type Callback<R> = import('@target/02-coroutines/promisify.ts').Callback<R>;

const ex = loadExercise<Module>('02-coroutines/promisify', ['promisify']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

interface User {
  id: number;
  name: string;
}

/** A callback API in the old Node style: answers after `ms` of virtual time, fails for a negative id. */
function fetchUser(id: number, ms: number, callback: (error: Error | null, user?: User) => void): void {
  setTimeout(() => {
    if (id < 0) callback(new Error(`no user ${id}`));
    else callback(null, { id, name: `user ${id}` });
  }, ms);
}

/** A callback API that calls back after `ms` with exactly the arguments it was given. */
function answerWith(ms: number, ...answer: unknown[]): (callback: (...args: unknown[]) => void) => void {
  return (callback) => {
    setTimeout(() => callback(...answer), ms);
  };
}

/**
 * `fn`, a callback API, drawn on `line` as the piece `label`: from the moment it is called until it
 * calls its callback (its last argument). It declares as many parameters as `fn` does, so that
 * `fn.length` reads the same.
 */
function untilCallback<F extends (...args: never[]) => void>(line: Timeline, label: string, fn: F): F {
  const drawn = function (this: unknown, ...args: unknown[]): void {
    line.start(label);
    const callback = args[args.length - 1] as (...answer: unknown[]) => void;
    const answer = (...answer: unknown[]): void => {
      line.end(label);
      callback(...answer);
    };
    Reflect.apply(fn, this, [...args.slice(0, -1), answer]);
  };
  Object.defineProperty(drawn, 'length', { value: fn.length });
  return drawn as unknown as F;
}

/**
 * How each promise stands after `ms` more of virtual time: 'pending', `{ resolved, at }` or
 * `{ rejected, at }`, with the virtual time it settled at. It never awaits the promises
 * themselves, so a solution that settles too late fails the test instead of hanging it.
 */
async function outcomesAfter(ms: number, ...promises: Promise<unknown>[]): Promise<Outcome<unknown>[]> {
  const tracked = promises.map((promise) => track(promise));
  await clock.advance(ms);
  return tracked.map((t) => t.outcome());
}

/**
 * How `promise` has settled once the code queued for "right now" has run (microtasks, and timers
 * due at the current virtual time): `{ resolved }`, `{ rejected }` or 'pending'. Tests whose fn
 * calls back synchronously use it instead of `await`, so a solution that waits for a timer fails
 * only the test about timers instead of hanging in every test.
 */
async function settledNow<T>(promise: Promise<T>): Promise<{ resolved: T } | { rejected: unknown } | 'pending'> {
  const tracked = track(promise);
  await clock.settle();
  await flushMicrotasks();
  const outcome = tracked.outcome();
  if (outcome === 'pending') return 'pending';
  return 'resolved' in outcome ? { resolved: outcome.resolved } : { rejected: outcome.rejected };
}

/** Runs the microtasks queued so far (and those they queue), without moving virtual time or running any timer. */
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

// What helps a learner who fails a test: a hint of its own and the lesson heading that teaches the
// point (the lesson's promisify section and exercise, eager calls, errors and floating promises).
const ARGS_PLUS_CALLBACK = {
  hint: 'Call `fn` with the arguments the call was given, as they are, and your callback added after them as one more argument.',
  section: 'promisifying-a-callback-api',
} as const;
const CALLBACK_POSITION = {
  hint: 'Put the callback right after the arguments the call got, whatever `fn.length` says: do not pad the arguments with `undefined` or move the callback to the last declared parameter.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const EAGER = {
  hint: 'The executor of `new Promise` runs at once, inside the call: call `fn` there, not later in a `.then`, a microtask or a timer.',
  section: 'calling-an-async-function-starts-it',
} as const;
const NOT_AT_PROMISIFY = {
  hint: '`promisify(fn)` only builds and returns the new function; `fn` runs each time that function is called.',
  section: 'promisifying-a-callback-api',
} as const;
const PER_CALL = {
  hint: 'Create the promise and its callback inside the returned function, once per call: a callback or a promise shared between calls settles only once, for the first of them.',
  section: 'promisifying-a-callback-api',
} as const;
const PASSES_THIS = {
  hint: 'An arrow function has no `this` of its own: return a `function` expression, and call `fn` with the `this` it was called with (`fn.call` or `fn.apply`).',
  section: 'promisify-promisify-a-callback-api',
} as const;
const REAL_PROMISE = {
  hint: 'Return the `new Promise(…)` itself: not what `fn` returns, and not an object of your own with a `then` method.',
  section: 'promisifying-a-callback-api',
} as const;
const SETTLES_IN_CALLBACK = {
  hint: 'Call `resolve` or `reject` inside the callback itself: a timer or `setImmediate` in between makes the promise settle later than the callback was called.',
  section: 'promisifying-a-callback-api',
} as const;
const VALUE_AS_IS = {
  hint: 'Resolve with the value the callback got, as it is: no copy and no wrapper.',
  section: 'promisifying-a-callback-api',
} as const;
const UNDEFINED_ERROR = {
  hint: 'An `error` of `undefined` means no error, just as `null` does: `callback(undefined, value)` resolves with `value`.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const NO_VALUE = {
  hint: '`callback(null)` gives no value: resolve with the missing second argument, which is `undefined`.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const FALSY_VALUES = {
  hint: 'A falsy value is still a value: only `error` decides between success and failure, and `0`, `\'\'` and `false` are resolved as they are.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const FIRST_VALUE_ONLY = {
  hint: 'Resolve with the callback’s second argument alone: the arguments after it are ignored, not gathered into an array.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const FOLLOWS_THENABLE = {
  hint: 'Hand the value to `resolve` as it is: `resolve` follows a promise or a thenable by itself, so do not test for one or wrap it.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const EXACT_ERROR = {
  hint: 'Reject with the `error` the callback got, exactly as it is, whatever its type: do not wrap it in a `new Error(…)` or copy it.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const FALSY_ERRORS = {
  hint: '`0`, `\'\'`, `false` and `NaN` are errors too: compare `error` with `null` and `undefined` instead of testing whether it is truthy.',
  section: 'promisify-promisify-a-callback-api',
} as const;
const SYNC_THROW = {
  hint: 'A `throw` inside the `new Promise` executor becomes a rejection; a call of `fn` outside the executor lets the throw escape to the caller.',
  section: 'errors-become-rejections',
} as const;
const SYNC_THROW_AS_IS = {
  hint: 'Reject with what `fn` threw directly (the executor does that for you), not by passing it to your callback, where a thrown `undefined` or `null` would look like success.',
  section: 'errors-become-rejections',
} as const;
const THROW_AFTER_CALLBACK = {
  hint: 'Once the callback has settled the promise, a later `throw` from `fn` must neither escape nor change the outcome: a settled promise ignores a later `reject`, and the outcome stays what the callback gave.',
  section: 'errors-become-rejections',
} as const;
const NO_SIDE_PROMISE = {
  hint: 'Make no promise besides the one you return: a side chain such as `promise.finally(…)` or `promise.then(…)` that nobody handles rejects unhandled when the call fails.',
  section: 'floating-promises',
} as const;
const FIRST_CALL_COUNTS = {
  hint: 'Only the first call of the callback counts: `resolve` and `reject` already do nothing once the promise has settled, so a later call must neither throw nor change anything.',
  section: 'promisify-promisify-a-callback-api',
} as const;

type Settled = Outcome<unknown> | { resolved: unknown } | { rejected: unknown };

/** How a promise stands, in words: `still pending`, `resolved with 'a' at 10 ms`, `rejected with Error('x')`. */
function words(outcome: Settled): string {
  if (outcome === 'pending') return 'still pending';
  const at = 'at' in outcome ? ` at ${outcome.at} ms` : '';
  return 'resolved' in outcome ? `resolved with ${show(outcome.resolved)}${at}` : `rejected with ${show(outcome.rejected)}${at}`;
}

/** Fails unless `actual` strictly equals `expected`, saying both in words: "… should have resolved with 'a' at 10 ms, but it is still pending". */
function expectSettled(actual: Settled, expected: Exclude<Settled, 'pending'>, what: string): void {
  expect(actual, `${what} should have ${words(expected)}, but it ${actual === 'pending' ? 'is still pending' : words(actual)}`).toStrictEqual(expected);
}

/** The same for a list of promises, in order. */
function expectAllSettled(actual: readonly Settled[], expected: readonly Exclude<Settled, 'pending'>[], what: string): void {
  const list = (outcomes: readonly Settled[]) => `[${outcomes.map(words).join(' | ')}]`;
  expect(actual, `${what}, in order, should be ${list(expected)}, but they are ${list(actual)}`).toStrictEqual(expected);
}

/** Calls a promisified function; a synchronous throw fails the test with a message that says so. */
function callOrExplain<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new Error(`${what} threw ${show(error)} at once; the promisified function should never throw, but return a promise`);
  }
}

/** Moves virtual time on; a throw from a callback that ran meanwhile fails the test with a message that says so. */
async function advanceOrExplain(ms: number, what: string): Promise<void> {
  try {
    await clock.advance(ms);
  } catch (error) {
    throw new Error(`${what} threw ${show(error)}; later calls of the callback should be ignored, not throw`);
  }
}

describe('calling the original function', () => {
  test('calls fn with the same arguments plus a callback as the last one', points(2, ARGS_PLUS_CALLBACK), async () => {
    const received: unknown[][] = [];
    const record = (a: number, b: string, c: { x: number }, callback: Callback<string>): void => {
      received.push([a, b, c, callback]);
      callback(null, 'ok');
    };
    const object = { x: 1 };
    expectSettled(await settledNow(ex.promisify(record)(7, 'seven', object)), { resolved: 'ok' }, 'the promise of a call whose fn calls back (null, "ok") at once,');
    expect(received, 'fn should be called exactly once').toHaveLength(1);
    const args = received[0]!;
    expect(args, 'fn should get the 3 arguments plus the callback').toHaveLength(4);
    expect(args.slice(0, 3), 'the arguments fn got, before the callback').toStrictEqual([7, 'seven', object]);
    expect(args[2], 'an object argument should be passed on as that very object').toBe(object);
    expect(typeof args[3], 'the last argument of fn should be the callback').toBe('function');
  });

  test('a function that takes only the callback receives only the callback', points(1, ARGS_PLUS_CALLBACK), async () => {
    const received: unknown[][] = [];
    const ping = (...args: [Callback<string>]): void => {
      received.push(args);
      args[0](null, 'pong');
    };
    expectSettled(await settledNow(ex.promisify(ping)()), { resolved: 'pong' }, 'the promise of a call whose fn calls back (null, "pong") at once,');
    expect(received, 'fn should be called exactly once').toHaveLength(1);
    expect(received[0], 'a call with no arguments should pass fn the callback alone').toHaveLength(1);
    expect(typeof received[0]![0], 'the only argument should be the callback').toBe('function');
  });

  test('the callback comes right after the arguments given, even when fn declares more or fewer parameters', points(2, CALLBACK_POSITION), async () => {
    const received: unknown[][] = [];
    // Declares three parameters (fn.length is 3), the last one the callback; reads what it really got.
    const declared = function (_a: unknown, _b: unknown, _callback: unknown): void {
      const args = Array.from(arguments) as unknown[];
      received.push(args);
      (args[args.length - 1] as Callback<string>)(null, 'ok');
    };
    const promisified = ex.promisify(declared as never) as unknown as (...args: unknown[]) => Promise<string>;
    await settledNow(promisified('only one'));
    await settledNow(promisified('one', 'two', 'three'));
    await settledNow(promisified('one', undefined));
    const got = received.map((args) => args.map((arg) => (typeof arg === 'function' ? '<callback>' : arg)));
    expect(
      got,
      `the arguments fn got in the calls ('only one'), ('one', 'two', 'three') and ('one', undefined) should be the given ones, then the callback, nothing added in between; fn got ${show(got)}`,
    ).toStrictEqual([
      ['only one', '<callback>'],
      ['one', 'two', 'three', '<callback>'],
      ['one', undefined, '<callback>'],
    ]);
  });

  test('calls fn synchronously, before the promisified function returns (eager, like util.promisify)', points(2, EAGER), () => {
    const events: string[] = [];
    const start = (name: string, callback: Callback<void>): void => {
      events.push(`fn called with ${name}`);
      setTimeout(() => callback(null), 10);
    };
    const startAsync = ex.promisify(start);
    events.push('before the call');
    void startAsync('job');
    events.push('after the call');
    expect(inOrder(events), 'fn should run inside the call, not later').toBe(inOrder(['before the call', 'fn called with job', 'after the call']));
  });

  test('promisify(fn) alone does not call fn', points(1, NOT_AT_PROMISIFY), () => {
    let calls = 0;
    const fn = (callback: Callback<number>): void => {
      calls++;
      callback(null, 1);
    };
    ex.promisify(fn);
    expect(calls, 'promisify(fn) should only build the function; fn runs when that function is called').toBe(0);
  });

  test('every call calls fn again, once, with a new callback', points(1, PER_CALL), async () => {
    const callbacks: unknown[] = [];
    const fn = (n: number, callback: Callback<number>): void => {
      callbacks.push(callback);
      callback(null, n * 10);
    };
    const fnAsync = ex.promisify(fn);
    const results = [await settledNow(fnAsync(1)), await settledNow(fnAsync(2)), await settledNow(fnAsync(3))];
    expectAllSettled(results, [{ resolved: 10 }, { resolved: 20 }, { resolved: 30 }], 'the promises of fnAsync(1), fnAsync(2) and fnAsync(3), whose fn calls back (null, n * 10) at once,');
    expect(callbacks, 'three calls should call fn three times').toHaveLength(3);
    expect(new Set(callbacks).size, 'each call should pass fn a callback of its own').toBe(3);
  });

  test('passes this on: a promisified method assigned to an object runs with that object as this', points(2, PASSES_THIS), async () => {
    class Store {
      data = new Map([['answer', 42]]);
      get(key: string, callback: Callback<number>): void {
        const self = this as Store | undefined;
        setTimeout(() => {
          if (self?.data === undefined) callback(new Error(`store.get ran with this = ${String(self)}, not the store`));
          else if (self.data.has(key)) callback(null, self.data.get(key));
          else callback(new Error(`no ${key}`));
        }, 5);
      }
    }
    const store = new Store() as Store & { getAsync?: (key: string) => Promise<number> };
    store.getAsync = ex.promisify(store.get);
    const [outcome] = await outcomesAfter(5, callOrExplain('store.getAsync("answer")', () => store.getAsync!('answer')));
    expectSettled(outcome!, { resolved: 42, at: 5 }, 'store.getAsync("answer"), which runs store.get and so needs this to be store,');
  });

  test('passes on the this given with call()', points(1, PASSES_THIS), async () => {
    let seen: unknown;
    const whoAmI = function (this: unknown, callback: Callback<void>): void {
      seen = this;
      callback(null);
    };
    const context = { name: 'context' };
    await settledNow(ex.promisify(whoAmI).call(context));
    expect(seen, 'the this of fn, when the promisified function is called with .call(context)').toBe(context);
  });

  test('returns a real Promise', points(1, REAL_PROMISE), () => {
    const fn = (callback: Callback<number>): void => {
      setTimeout(() => callback(null, 1), 10);
    };
    const result = ex.promisify(fn)();
    expect(result, 'what the promisified function returns should be a Promise').toBeInstanceOf(Promise);
    void Promise.resolve(result).catch(() => undefined);
  });
});

describe('success', () => {
  test('resolves with the value at the virtual time the callback is called, not before', points(2, SETTLES_IN_CALLBACK), async () => {
    const line = timeline(clock);
    const fetchUserAsync = ex.promisify(untilCallback(line, 'fetchUser', fetchUser));
    const user = track(line.run('fetchUserAsync(1, 300)', () => fetchUserAsync(1, 300)));
    await clock.advance(400);
    line.expect(
      { fetchUser: [0, 300], 'fetchUserAsync(1, 300)': [0, 300] },
      'fetchUser calls its callback at 300 ms: the promise of fetchUserAsync(1, 300) should settle at that very moment, neither before nor after',
    );
    expect(user.state(), 'fetchUserAsync(1, 300), once its callback had been called at 300 ms,').toBe('resolved');
    expect(user.value(), 'the value the promise resolved with, the user given to the callback').toEqual({ id: 1, name: 'user 1' });
  });

  test('a callback called synchronously inside fn settles the promise at once, without a timer', points(2, SETTLES_IN_CALLBACK), async () => {
    const double = (n: number, callback: Callback<number>): void => callback(null, n * 2);
    const fail = (callback: Callback<number>): void => callback(new Error('at once'));
    const doubled = track(ex.promisify(double)(21));
    const failed = track(ex.promisify(fail)());
    await flushMicrotasks();
    expectSettled(doubled.outcome(), { resolved: 42, at: 0 }, 'a call whose fn calls back (null, 42) at once, without moving time or running any timer,');
    expect(failed.state(), 'an error given synchronously, without moving time').toBe('rejected');
    expect(clock.timersStarted(), 'timers started by promisify').toBe(0);
  });

  test('resolves with exactly the value object given to the callback', points(1, VALUE_AS_IS), async () => {
    const value = { big: 'object' };
    const result = track(ex.promisify(answerWith(10, null, value))());
    await clock.advance(10);
    expectSettled(result.outcome(), { resolved: value, at: 10 }, 'callback(null, value) at 10 ms');
    expect(result.value(), 'the very object given to the callback, not a copy').toBe(value);
  });

  test('an error of undefined counts as success', points(1, UNDEFINED_ERROR), async () => {
    const [outcome] = await outcomesAfter(10, ex.promisify(answerWith(10, undefined, 'fine'))());
    expectSettled(outcome!, { resolved: 'fine', at: 10 }, 'callback(undefined, "fine") at 10 ms');
  });

  test('a callback called with null alone resolves with undefined', points(1, NO_VALUE), async () => {
    const [outcome] = await outcomesAfter(10, ex.promisify(answerWith(10, null))());
    expectSettled(outcome!, { resolved: undefined, at: 10 }, 'callback(null) at 10 ms');
  });

  test('falsy values are values: (null, 0), (null, "") and (null, false) resolve with them', points(1, FALSY_VALUES), async () => {
    const outcomes = await outcomesAfter(10, ...[0, '', false].map((value) => ex.promisify(answerWith(10, null, value))()));
    expectAllSettled(
      outcomes,
      [
        { resolved: 0, at: 10 },
        { resolved: '', at: 10 },
        { resolved: false, at: 10 },
      ],
      'callback(null, 0), callback(null, "") and callback(null, false) at 10 ms',
    );
  });

  test('arguments after the value are ignored: (null, "a", "b") resolves with "a"', points(1, FIRST_VALUE_ONLY), async () => {
    const [outcome] = await outcomesAfter(10, ex.promisify(answerWith(10, null, 'a', 'b'))());
    expectSettled(outcome!, { resolved: 'a', at: 10 }, 'callback(null, "a", "b") at 10 ms');
  });

  test('a value that is itself a promise is followed, as resolve does', points(1, FOLLOWS_THENABLE), async () => {
    const error = new Error('the inner promise failed');
    const fulfilled = track(ex.promisify(answerWith(10, null, Promise.resolve('inner value')))());
    const rejected = track(ex.promisify(answerWith(10, null, failLater(30, error)))());
    await clock.advance(29);
    expectSettled(fulfilled.outcome(), { resolved: 'inner value', at: 10 }, 'callback(null, Promise.resolve("inner value")) at 10 ms');
    expect(words(rejected.outcome()), 'callback(null, a promise that rejects at 30 ms), at 29 ms').toBe('still pending');
    await clock.advance(1);
    expectSettled(rejected.outcome(), { rejected: error, at: 30 }, 'callback(null, a promise that rejects at 30 ms), at 30 ms,');
  });

  test('calls in flight together are independent: 300, 100 and 200 ms settle at their own times', points(2, PER_CALL), async () => {
    const line = timeline(clock);
    const fetchUserAsync = ex.promisify(fetchUser);
    const calls = [
      [1, 300],
      [2, 100],
      [3, 200],
    ].map(([id, ms]) => track(line.run(`fetchUserAsync(${id}, ${ms})`, () => fetchUserAsync(id!, ms!))));
    await clock.advance(400);
    line.expect(
      { 'fetchUserAsync(1, 300)': [0, 300], 'fetchUserAsync(2, 100)': [0, 100], 'fetchUserAsync(3, 200)': [0, 200] },
      'three calls in flight together should each settle when its own callback is called, at 300, 100 and 200 ms',
    );
    expectList(
      calls.map((call) => call.state()),
      ['resolved', 'resolved', 'resolved'],
      'three calls in flight (their callbacks are called at 300, 100 and 200 ms), after 400 ms,',
    );
    expectList(
      calls.map((call) => call.value()),
      [1, 2, 3].map((id) => ({ id, name: `user ${id}` })),
      'the users that fetchUserAsync(1, 300), fetchUserAsync(2, 100) and fetchUserAsync(3, 200) resolved with',
    );
  });
});

describe('failure', () => {
  test('rejects with exactly the error object given to the callback, at that virtual time', points(2, EXACT_ERROR), async () => {
    const error = new Error('disk on fire');
    const line = timeline(clock);
    const failAsync = ex.promisify(untilCallback(line, 'fn', answerWith(250, error, 'ignored')));
    const outcome = track(line.run('the promise', () => failAsync()));
    await clock.advance(400);
    line.expect({ fn: [0, 250], 'the promise': [0, 250] }, 'fn gives its callback an error at 250 ms: the promise should reject at that very moment, neither before nor after');
    expect(outcome.state(), 'the promise, once the callback had got the error at 250 ms,').toBe('rejected');
    expect(outcome.value(), 'the rejection should be the very error given to the callback').toBe(error);
  });

  test('an error of a subclass of Error keeps its class', points(1, EXACT_ERROR), async () => {
    class NotFoundError extends Error {
      override name = 'NotFoundError';
    }
    const error = new NotFoundError('gone');
    const result = track(ex.promisify(answerWith(10, error))());
    await clock.advance(10);
    expectSettled(result.outcome(), { rejected: error, at: 10 }, 'callback(new NotFoundError("gone")) at 10 ms');
    expect(result.value(), 'the rejection should still be a NotFoundError').toBeInstanceOf(NotFoundError);
  });

  test('an error that is not an Error instance rejects too: a string, a plain object', points(2, EXACT_ERROR), async () => {
    const code = { code: 'ENOENT', message: 'no such file' };
    const fromString = track(ex.promisify(answerWith(10, 'just a string'))());
    const fromObject = track(ex.promisify(answerWith(10, code, 'ignored'))());
    await clock.advance(10);
    expectSettled(fromString.outcome(), { rejected: 'just a string', at: 10 }, 'callback("just a string") at 10 ms');
    expectSettled(fromObject.outcome(), { rejected: code, at: 10 }, 'callback({ code: "ENOENT", … }, "ignored") at 10 ms');
    expect(fromObject.value(), 'the very object, not a copy or a wrapper').toBe(code);
  });

  test('falsy errors other than null and undefined reject: 0, "", false and NaN', points(2, FALSY_ERRORS), async () => {
    const outcomes = await outcomesAfter(10, ...[0, '', false, Number.NaN].map((error) => ex.promisify(answerWith(10, error, 'value'))()));
    expectAllSettled(
      outcomes,
      [
        { rejected: 0, at: 10 },
        { rejected: '', at: 10 },
        { rejected: false, at: 10 },
        { rejected: Number.NaN, at: 10 },
      ],
      'callback(0, "value"), callback("", "value"), callback(false, "value") and callback(NaN, "value") at 10 ms',
    );
  });

  test('a synchronous throw inside fn becomes a rejection; the promisified function does not throw', points(2, SYNC_THROW), async () => {
    const error = new TypeError('bad path');
    const broken = (path: string, callback: Callback<string>): void => {
      if (path === '') throw error;
      callback(null, path);
    };
    const brokenAsync = ex.promisify(broken);
    let result: Promise<string> | undefined;
    expect(() => {
      result = brokenAsync('');
    }, 'the promisified function should not throw').not.toThrow();
    expect(result, 'what the promisified function returns when fn throws should be a Promise').toBeInstanceOf(Promise);
    expectSettled(await settledNow(result!), { rejected: error }, 'the promise, once fn has thrown TypeError("bad path"),');
  });

  test('a synchronous throw of a value that is not an Error rejects with exactly that value: a string, undefined, null', points(2, SYNC_THROW_AS_IS), async () => {
    const throwing = (thrown: unknown) => (): void => {
      throw thrown;
    };
    for (const thrown of ['a string', undefined, null]) {
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = ex.promisify(throwing(thrown) as (callback: Callback<unknown>) => void)();
      }, `the promisified function should not throw when fn throws ${String(thrown)}`).not.toThrow();
      expectSettled(await settledNow(result!), { rejected: thrown }, `the promise, once fn has thrown ${JSON.stringify(thrown) ?? 'undefined'},`);
    }
  });

  test('a throw from fn after it has called the callback changes nothing', points(1, THROW_AFTER_CALLBACK), async () => {
    const answerThenThrow = (callback: Callback<string>): void => {
      callback(null, 'answered');
      throw new Error('too late');
    };
    const failThenThrow = (callback: Callback<string>): void => {
      callback('first error');
      throw new Error('too late');
    };
    let answered: Promise<string> | undefined;
    let failed: Promise<string> | undefined;
    expect(() => {
      answered = ex.promisify(answerThenThrow)();
      failed = ex.promisify(failThenThrow)();
    }, 'the promisified function should not throw').not.toThrow();
    expectSettled(await settledNow(answered!), { resolved: 'answered' }, 'callback(null, "answered"), then a throw from fn,');
    expectSettled(await settledNow(failed!), { rejected: 'first error' }, 'callback("first error"), then a throw from fn,');
  });

  test('a rejection that the caller catches is not reported as unhandled', points(2, NO_SIDE_PROMISE), async () => {
    const fetchUserAsync = ex.promisify(fetchUser);
    const caught = fetchUserAsync(-1, 50).catch((error: unknown) => (error as Error).message);
    const thrown = callOrExplain('a call whose fn throws new Error("thrown")', () =>
      ex.promisify((_callback: Callback<void>) => {
        throw new Error('thrown');
      })(),
    ).catch(() => 'caught');
    const outcomes = await outcomesAfter(50, caught, thrown);
    expectAllSettled(
      outcomes,
      [
        { resolved: 'no user -1', at: 50 },
        { resolved: 'caught', at: 0 },
      ],
      'an error given to the callback at 50 ms and a synchronous throw, each caught by the caller with .catch',
    );
    await realTick();
    await realTick();
    expectList(unhandled, [], 'the rejections reported as unhandled, though the caller handled its promises,');
  });
});

describe('a callback called more than once', () => {
  test('only the first call counts: success then error resolves, and nothing is left unhandled', points(2, FIRST_CALL_COUNTS), async () => {
    const twice = (callback: Callback<string>): void => {
      setTimeout(() => callback(null, 'first'), 10);
      setTimeout(() => callback(new Error('second')), 20);
    };
    const result = track(ex.promisify(twice)());
    await advanceOrExplain(20, 'callback(new Error("second")) at 20 ms, after callback(null, "first") at 10 ms,');
    expectSettled(result.outcome(), { resolved: 'first', at: 10 }, 'callback(null, "first") at 10 ms, then callback(new Error("second")) at 20 ms,');
    await realTick();
    await realTick();
    expectList(unhandled, [], 'the rejections nobody handled');
  });

  test('only the first call counts: error then success rejects with the first error', points(1, FIRST_CALL_COUNTS), async () => {
    const error = new Error('first');
    const twice = (callback: Callback<string>): void => {
      setTimeout(() => callback(error), 10);
      setTimeout(() => callback(null, 'second'), 20);
    };
    const result = track(ex.promisify(twice)());
    await advanceOrExplain(20, 'callback(null, "second") at 20 ms, after callback(error) at 10 ms,');
    expectSettled(result.outcome(), { rejected: error, at: 10 }, 'callback(error) at 10 ms, then callback(null, "second") at 20 ms,');
  });

  test('the second call of the callback returns normally instead of throwing', points(1, FIRST_CALL_COUNTS), () => {
    const thrown: unknown[] = [];
    const twice = (callback: Callback<number>): void => {
      callback(null, 1);
      try {
        callback(null, 2);
        callback(new Error('third'));
      } catch (error) {
        thrown.push(error);
      }
    };
    void ex.promisify(twice)().catch(() => undefined);
    expectList(thrown, [], 'what the second and third calls of the callback threw');
  });
});
