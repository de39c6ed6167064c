import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

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

/** What a promise settles with, as a value either way, so a test can compare rejections by identity. */
function settle<T>(promise: Promise<T>): Promise<{ resolved: T } | { rejected: unknown }> {
  return promise.then(
    (resolved) => ({ resolved }),
    (rejected: unknown) => ({ rejected }),
  );
}

describe('calling the original function', () => {
  test('calls fn with the same arguments plus a callback as the last one', points(2), async () => {
    const received: unknown[][] = [];
    const record = (a: number, b: string, c: { x: number }, callback: Callback<string>): void => {
      received.push([a, b, c, callback]);
      callback(null, 'ok');
    };
    const object = { x: 1 };
    await ex.promisify(record)(7, 'seven', object);
    expect(received).toHaveLength(1);
    const args = received[0]!;
    expect(args).toHaveLength(4);
    expect(args.slice(0, 3)).toEqual([7, 'seven', object]);
    expect(args[2]).toBe(object);
    expect(typeof args[3]).toBe('function');
  });

  test('a function that takes only the callback receives only the callback', async () => {
    const received: unknown[][] = [];
    const ping = (...args: [Callback<string>]): void => {
      received.push(args);
      args[0](null, 'pong');
    };
    await expect(ex.promisify(ping)()).resolves.toBe('pong');
    expect(received).toHaveLength(1);
    expect(received[0]).toHaveLength(1);
    expect(typeof received[0]![0]).toBe('function');
  });

  test('calls fn synchronously, before the promisified function returns (eager, like util.promisify)', points(2), () => {
    const events: string[] = [];
    const start = (name: string, callback: Callback<void>): void => {
      events.push(`fn called with ${name}`);
      setTimeout(() => callback(null), 10);
    };
    const startAsync = ex.promisify(start);
    events.push('before the call');
    void startAsync('job');
    events.push('after the call');
    expect(events).toEqual(['before the call', 'fn called with job', 'after the call']);
  });

  test('promisify(fn) alone does not call fn', () => {
    let calls = 0;
    const fn = (callback: Callback<number>): void => {
      calls++;
      callback(null, 1);
    };
    ex.promisify(fn);
    expect(calls).toBe(0);
  });

  test('every call calls fn again, once, with a new callback', async () => {
    const callbacks: unknown[] = [];
    const fn = (n: number, callback: Callback<number>): void => {
      callbacks.push(callback);
      callback(null, n * 10);
    };
    const fnAsync = ex.promisify(fn);
    const results = [await fnAsync(1), await fnAsync(2), await fnAsync(3)];
    expect(results).toEqual([10, 20, 30]);
    expect(callbacks).toHaveLength(3);
    expect(new Set(callbacks).size).toBe(3);
  });

  test('passes this on: a promisified method assigned to an object runs with that object as this', points(2), async () => {
    class Store {
      data = new Map([['answer', 42]]);
      get(key: string, callback: Callback<number>): void {
        setTimeout(() => {
          if (this.data.has(key)) callback(null, this.data.get(key));
          else callback(new Error(`no ${key}`));
        }, 5);
      }
    }
    const store = new Store() as Store & { getAsync?: (key: string) => Promise<number> };
    store.getAsync = ex.promisify(store.get);
    const result = store.getAsync('answer');
    const caught = settle(result);
    await clock.advance(5);
    expect(await caught).toEqual({ resolved: 42 });
  });

  test('passes on the this given with call()', async () => {
    let seen: unknown;
    const whoAmI = function (this: unknown, callback: Callback<void>): void {
      seen = this;
      callback(null);
    };
    const context = { name: 'context' };
    await ex.promisify(whoAmI).call(context);
    expect(seen).toBe(context);
  });

  test('returns a real Promise', () => {
    const fn = (callback: Callback<number>): void => {
      setTimeout(() => callback(null, 1), 10);
    };
    const result = ex.promisify(fn)();
    expect(result).toBeInstanceOf(Promise);
    void result.catch(() => undefined);
  });
});

describe('success', () => {
  test('resolves with the value at the virtual time the callback is called, not before', points(2), async () => {
    const fetchUserAsync = ex.promisify(fetchUser);
    const user = track(fetchUserAsync(1, 300));
    await clock.advance(299);
    expect(user.state()).toBe('pending');
    await clock.advance(1);
    expect(user.state()).toBe('resolved');
    expect(user.settledAt()).toBe(300);
    expect(user.value()).toEqual({ id: 1, name: 'user 1' });
  });

  test('resolves with exactly the value object given to the callback', async () => {
    const value = { big: 'object' };
    const result = ex.promisify(answerWith(10, null, value))();
    await clock.advance(10);
    expect(await result).toBe(value);
  });

  test('an error of undefined counts as success', async () => {
    const result = ex.promisify(answerWith(10, undefined, 'fine'))();
    await clock.advance(10);
    await expect(result).resolves.toBe('fine');
  });

  test('a callback called with null alone resolves with undefined', async () => {
    const result = ex.promisify(answerWith(10, null))();
    await clock.advance(10);
    await expect(result).resolves.toBeUndefined();
  });

  test('falsy values are values: (null, 0), (null, "") and (null, false) resolve with them', async () => {
    const results = Promise.all([0, '', false].map((value) => ex.promisify(answerWith(10, null, value))()));
    await clock.advance(10);
    expect(await results).toEqual([0, '', false]);
  });

  test('arguments after the value are ignored: (null, "a", "b") resolves with "a"', async () => {
    const result = ex.promisify(answerWith(10, null, 'a', 'b'))();
    await clock.advance(10);
    await expect(result).resolves.toBe('a');
  });

  test('a callback called synchronously inside fn resolves the promise too', async () => {
    const double = (n: number, callback: Callback<number>): void => callback(null, n * 2);
    await expect(ex.promisify(double)(21)).resolves.toBe(42);
  });

  test('calls in flight together are independent: 300, 100 and 200 ms settle at their own times', points(2), async () => {
    const fetchUserAsync = ex.promisify(fetchUser);
    const settled: string[] = [];
    const all = Promise.all(
      [
        [1, 300],
        [2, 100],
        [3, 200],
      ].map(async ([id, ms]) => {
        const user = await fetchUserAsync(id!, ms!);
        settled.push(`${user.name}@${clock.now()}`);
        return user.id;
      }),
    );
    await clock.advance(300);
    expect(await all).toEqual([1, 2, 3]);
    expect(settled).toEqual(['user 2@100', 'user 3@200', 'user 1@300']);
  });
});

describe('failure', () => {
  test('rejects with exactly the error object given to the callback, at that virtual time', points(2), async () => {
    const error = new Error('disk on fire');
    const result = ex.promisify(answerWith(250, error, 'ignored'))();
    const outcome = track(result);
    const rejected = expect(result).rejects.toBe(error);
    await clock.advance(249);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.state()).toBe('rejected');
    expect(outcome.settledAt()).toBe(250);
    await rejected;
  });

  test('an error of a subclass of Error keeps its class', async () => {
    class NotFoundError extends Error {
      override name = 'NotFoundError';
    }
    const result = ex.promisify(answerWith(10, new NotFoundError('gone')))();
    const rejected = expect(result).rejects.toBeInstanceOf(NotFoundError);
    await clock.advance(10);
    await rejected;
  });

  test('an error that is not an Error instance rejects too: a string, a plain object', points(2), async () => {
    const code = { code: 'ENOENT', message: 'no such file' };
    const fromString = settle(ex.promisify(answerWith(10, 'just a string'))());
    const fromObject = settle(ex.promisify(answerWith(10, code, 'ignored'))());
    await clock.advance(10);
    expect(await fromString).toEqual({ rejected: 'just a string' });
    const objectOutcome = await fromObject;
    expect(objectOutcome).toEqual({ rejected: code });
    expect((objectOutcome as { rejected: unknown }).rejected).toBe(code);
  });

  test('falsy errors other than null and undefined reject: 0, "" and false', points(2), async () => {
    const outcomes = Promise.all([0, '', false].map((error) => settle(ex.promisify(answerWith(10, error, 'value'))())));
    await clock.advance(10);
    expect(await outcomes).toEqual([{ rejected: 0 }, { rejected: '' }, { rejected: false }]);
  });

  test('a synchronous throw inside fn becomes a rejection; the promisified function does not throw', points(2), async () => {
    const error = new TypeError('bad path');
    const broken = (path: string, callback: Callback<string>): void => {
      if (path === '') throw error;
      callback(null, path);
    };
    const brokenAsync = ex.promisify(broken);
    let result: Promise<string> | undefined;
    expect(() => {
      result = brokenAsync('');
    }).not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toBe(error);
  });

  test('a throw from fn after it has called the callback changes nothing', async () => {
    const answerThenThrow = (callback: Callback<string>): void => {
      callback(null, 'answered');
      throw new Error('too late');
    };
    await expect(ex.promisify(answerThenThrow)()).resolves.toBe('answered');
  });

  test('a rejection that the caller catches is not reported as unhandled', async () => {
    const fetchUserAsync = ex.promisify(fetchUser);
    const caught = fetchUserAsync(-1, 50).catch((error: unknown) => (error as Error).message);
    await clock.advance(50);
    expect(await caught).toBe('no user -1');
    await realTick();
    expect(unhandled).toEqual([]);
  });
});

describe('a callback called more than once', () => {
  test('only the first call counts: success then error resolves, and nothing is left unhandled', points(2), async () => {
    const twice = (callback: Callback<string>): void => {
      setTimeout(() => callback(null, 'first'), 10);
      setTimeout(() => callback(new Error('second')), 20);
    };
    const result = track(ex.promisify(twice)());
    await clock.advance(20);
    expect(result.state()).toBe('resolved');
    expect(result.value()).toBe('first');
    expect(result.settledAt()).toBe(10);
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('only the first call counts: error then success rejects with the first error', async () => {
    const error = new Error('first');
    const twice = (callback: Callback<string>): void => {
      setTimeout(() => callback(error), 10);
      setTimeout(() => callback(null, 'second'), 20);
    };
    const result = track(ex.promisify(twice)());
    await clock.advance(20);
    expect(result.state()).toBe('rejected');
    expect(result.value()).toBe(error);
    expect(result.settledAt()).toBe(10);
  });

  test('the second call of the callback returns normally instead of throwing', () => {
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
    expect(thrown).toEqual([]);
  });
});
