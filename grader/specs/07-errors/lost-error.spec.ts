// Hidden spec of 07-errors/lost-error.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. `db.connect()` is called once, during the call to `importAll`.
//       - calls connect once, during the call, and never again
//  2. No insert starts before `connect()` has resolved.
//       - starts no insert before the connection is up
//  3. Then `db.insert(record)` is called for every record, once each, in order, all at the same moment.
//       - then inserts every record once, in order, all at the moment the connection is up
//  4. Every entry is a record (`0`, `''`, `undefined` too); one listed twice is inserted twice.
//       - inserts every entry, falsy ones included
//       - a record listed twice is inserted twice
//  5. Both are called as methods of `db`, `insert` with the record as its only argument.
//       - calls connect and insert as methods of db, insert with the record as its only argument
//  6. Resolves with undefined only when every insert has resolved, at the moment the slowest finishes.
//       - resolves only when the slowest insert has finished, not a moment earlier
//       - resolves with undefined, not with the inserts’ results
//  7. `connect()` rejects: rejects with that same error, at that moment, and no insert is called.
//       - a failed connect rejects with that same error, at the moment it fails
//       - a failed connect inserts nothing
//  8. "That same error" is the very value, even if it is not an Error (a string, `undefined`).
//       - a connect that rejects with undefined rejects importAll with undefined
//       - an insert that rejects with a string rejects importAll with that same string
//  9. An insert rejects: rejects with that same error (not wrapped, not logged instead), at that moment.
//       - a failed insert rejects with that same error, at the moment it fails
//       - a failed insert listed last is not lost either
// 10. Several fail: the first to fail; the other inserts are not stopped, their outcomes change nothing.
//       - when several inserts fail, it rejects with the first to fail, and the others still run to their end
// 11. With no records, it connects and resolves once the connection is up.
//       - with no records, connects and resolves once the connection is up
// 12. No error is lost: nothing is left as an unhandled rejection.
//       - a failed connect leaves no unhandled rejection
//       - failed inserts leave no unhandled rejection, not even those that fail after the first failure
//
// `Database` says its methods fail by rejecting, never by throwing synchronously, so no test makes
// one throw.
import { describe, expect, test } from 'vitest';
import { type Timeline, type Tracked, captureUnhandledRejections, describeOutcome, expectList, show, loadExercise, points, realTick, timeline, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/07-errors/lost-error.ts');

const ex = loadExercise<Module>('07-errors/lost-error', ['importAll']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** How long an operation of the fake database takes, and whether it fails. */
interface Plan {
  readonly ms: number;
  readonly error?: unknown;
}

/**
 * A fake database whose connect and inserts take virtual time as planned, and which logs every
 * call and every completion with the virtual time: `connect called at 0`, `insert b done at 250`.
 * Given a timeline, it also draws `connect` and each `insert <record>` from the call until it
 * settles (by hand: the promises importAll receives are left as they are).
 */
function fakeDb(connect: Plan, inserts: Record<string, Plan>, line?: Timeline) {
  const log: string[] = [];
  const settleAfter = (plan: Plan, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      line?.start(what);
      setTimeout(() => {
        line?.end(what);
        if ('error' in plan) {
          log.push(`${what} failed at ${Date.now()}`);
          reject(plan.error);
        } else {
          log.push(`${what} done at ${Date.now()}`);
          resolve();
        }
      }, plan.ms);
    });
  const db = {
    connect: (): Promise<void> => {
      log.push(`connect called at ${Date.now()}`);
      return settleAfter(connect, 'connect');
    },
    insert: (record: string): Promise<void> => {
      log.push(`insert ${record} called at ${Date.now()}`);
      const plan = inserts[record];
      if (!plan) throw new Error(`insert was called with ${show(record)}, which is not one of the records`);
      return settleAfter(plan, `insert ${record}`);
    },
  };
  return { db, log, calls: (prefix: string) => log.filter((line) => line.startsWith(prefix) && line.includes(' called at ')) };
}

/** Calls importAll, failing with a clear message if it throws instead of returning a promise. */
function call<R>(db: Parameters<typeof ex.importAll<R>>[0], records: readonly R[]): Promise<void> {
  try {
    return ex.importAll(db, records);
  } catch (error) {
    throw thrownInstead('importAll should never throw: every failure should reach the promise it returns', error);
  }
}

/**
 * What a test fails with when the function under test throws instead of returning a promise: the
 * untouched stub's own error as it is (it says what to do), or else `should` and what was thrown.
 */
function thrownInstead(should: string, error: unknown): unknown {
  if (error instanceof Error && /not implemented yet/i.test(error.message)) return error;
  return new Error(`${should}, but it threw ${show(error)}`);
}

/**
 * Runs importAll and tracks its outcome. Tracking handles a rejection at once, so a wrong solution
 * cannot leave it unhandled; and the tests look at the outcome instead of awaiting the promise, so
 * a wrong solution that never settles fails them instead of hanging.
 */
function run(fake: ReturnType<typeof fakeDb>, records: readonly string[]): Tracked<void> {
  return track(call(fake.db, records));
}

/** Runs importAll like `run`, and draws it on `line` as `importAll`, from the call until it settles. */
function runOn(line: Timeline, fake: ReturnType<typeof fakeDb>, records: readonly string[]): Tracked<void> {
  line.start('importAll');
  const importing = call(fake.db, records);
  const end = (): void => line.end('importAll');
  importing.then(end, end);
  return track(importing);
}

/** Fails unless importAll resolved with undefined at virtual time `at`, saying what it did instead. */
function expectResolved(outcome: Tracked<unknown>, at: number): void {
  const expected = describeOutcome({ resolved: undefined, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `importAll should have ${expected}, but it ${actual}`).toBe(expected);
}

/** Fails unless importAll rejected with `error` itself (Object.is) at virtual time `at`, saying what it did instead. */
function expectRejected(outcome: Tracked<unknown>, error: unknown, at: number): void {
  const result = outcome.outcome();
  const same = result !== 'pending' && 'rejected' in result && Object.is(result.rejected, error) && result.at === at;
  expect(same, `importAll should have rejected with ${show(error)} itself at ${at} ms, but it ${describeOutcome(result)}`).toBe(true);
}

/**
 * A database client written as a class, as real ones are: its methods need `this`. Its log says
 * what each method received, and whether it was called on the client: `insert('a')`, or
 * `insert('a', 0, […]) without this`. Connecting takes 10 ms, each insert 20 ms.
 */
function classClient() {
  const log: string[] = [];
  const describeCall = (name: string, self: unknown, args: readonly unknown[]) =>
    `${name}(${args.map(show).join(', ')})${self instanceof Client ? '' : ' without this'}`;
  class Client {
    #connected = false;

    connect(...args: unknown[]): Promise<void> {
      log.push(describeCall('connect', this, args));
      return new Promise((resolve) =>
        setTimeout(() => {
          if (this instanceof Client) this.#connected = true;
          resolve();
        }, 10),
      );
    }

    insert(...args: unknown[]): Promise<void> {
      log.push(describeCall('insert', this, args));
      if (!(this instanceof Client) || !this.#connected) return Promise.reject(new TypeError('insert was not called on the connected client'));
      return new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { client: new Client(), log };
}

/** A fake database that accepts any record: connecting takes 100 ms, each insert 50 ms; it logs the records inserted. */
function anyRecordDb() {
  const inserted: unknown[] = [];
  const db = {
    connect: (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100)),
    insert: (record: unknown): Promise<void> => {
      inserted.push(record);
      return new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
  return { db, inserted };
}

// What helps a learner whose code fails a test: a hint per clause and the lesson heading that teaches it.
const EXERCISE = 'lost-error-fix-a-program-that-loses-an-error';
const LOST = 'how-errors-get-lost';
const CONNECT_ONCE = {
  hint: 'Call `db.connect()` once, first thing in importAll, before anything is awaited, and not again for each record; then wait for it before you go on.',
  section: EXERCISE,
} as const;
const AWAIT_CONNECT = {
  hint: 'Wait for the connection before the first insert: `await db.connect()`, or start the inserts inside its `.then`, never beside it.',
  section: LOST,
} as const;
const INSERTS_AT_ONCE = {
  hint: 'Once connected, start every insert at once, in the order of `records`, and then wait for all of them together: `records.map(…)` and one wait, not an `await` per record in a loop.',
  section: LOST,
} as const;
const EVERY_ENTRY = {
  hint: 'Insert every entry as it is, once per place in the list: `if (record)` or `.filter(Boolean)` drops `0`, `\'\'` and `undefined`, and `new Set(records)` drops a record listed twice.',
  section: EXERCISE,
} as const;
const METHODS = {
  hint: 'Call `db.insert(record)` on `db` itself, with the record alone: handing `db.insert` to `map` loses its `this` and passes it the index and the array as well.',
  section: EXERCISE,
} as const;
const WAITS_FOR_ALL = {
  hint: '`forEach` throws away the promises of its async callback, and a `.then` callback that does not return its promise cuts that promise loose: collect the promises of the inserts and wait for every one of them.',
  section: LOST,
} as const;
const UNDEFINED = {
  hint: 'Resolve with nothing: `await Promise.all(…)` inside an `async` function that returns nothing, rather than `return Promise.all(…)`, which resolves with the array of the inserts\' results.',
  section: EXERCISE,
} as const;
const NO_RECORDS = {
  hint: 'With no records, still connect, and resolve once the connection is up: do not return early before calling `db.connect()`.',
  section: EXERCISE,
} as const;
const CONNECT_FAILS = {
  hint: "Let the connection's error reach the caller as it is: `await db.connect()` rethrows it in importAll. Drop any `catch` that only logs it, and do not wrap it in a new Error.",
  section: 'errors-travel-through-await',
} as const;
const NO_INSERT_AFTER_FAILED_CONNECT = {
  hint: 'If the connection fails, stop there: start the inserts only once `connect()` has resolved, not in a `finally` or in a handler that also runs when it rejects.',
  section: 'errors-travel-through-await',
} as const;
const AS_IT_IS = {
  hint: 'Pass on what connect or insert rejected with, as it is, even `undefined` or a string: `error ?? new Error(…)`, `new Error(String(error))` or an error with a `cause` changes what the caller catches.',
  section: EXERCISE,
} as const;
const INSERT_FAILS = {
  hint: 'The first insert to fail must reject importAll at once, with its own error: `Promise.all` does that. A `catch` that only logs hides the error, and waiting for every insert to settle first is too late.',
  section: LOST,
} as const;
const EVERY_INSERT_WATCHED = {
  hint: 'A failure of any insert, the last one listed included, must reach the caller: wait on the promises of all the inserts together, not only on the first one, and do not catch their errors to log them.',
  section: LOST,
} as const;
const FIRST_FAILURE = {
  hint: 'Reject with the first insert to fail in time, not the first in the list: `Promise.all` settles with the earliest failure. Leave the other inserts running: their outcomes no longer matter.',
  section: 'several-errors-at-once-aggregateerror',
} as const;
const HANDLED_CONNECT = {
  hint: 'A promise that nobody awaits or returns rejects with nobody listening: `await` the promise of `db.connect()` itself (or return the chain built on it) so that its failure goes to the caller of importAll.',
  section: 'unhandled-rejections',
} as const;
const HANDLED_INSERTS = {
  hint: 'Every insert needs a handler from the moment it starts, those that fail after the first failure too: one `Promise.all` over all of them gives them that; awaiting them one by one does not.',
  section: 'unhandled-rejections',
} as const;

describe('when everything works', () => {
  test('calls connect once, during the call, and never again', points(1, CONNECT_ONCE), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 50 } });
    const outcome = run(fake, ['a', 'b']);
    expectList(fake.calls('connect'), ['connect called at 0'], 'the calls to connect made before importAll returned');
    await clock.advance(150);
    expectResolved(outcome, 150);
    expectList(fake.calls('connect'), ['connect called at 0'], 'the calls to connect made by the end of the import');
  });

  test('starts no insert before the connection is up', points(2, AWAIT_CONNECT), async () => {
    const line = timeline(clock);
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 50 } }, line);
    run(fake, ['a', 'b']);
    await clock.advance(99);
    line.expect({ connect: [0, null] }, 'connect takes 100 ms: no insert should start before it has finished');
    expectList(fake.calls('insert'), [], 'the inserts started while connect was still running');
  });

  test('then inserts every record once, in order, all at the moment the connection is up', points(3, INSERTS_AT_ONCE), async () => {
    const line = timeline(clock);
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 100 }, c: { ms: 200 } }, line);
    run(fake, ['a', 'b', 'c']);
    // Long enough for inserts made one after another to show in full.
    await clock.advance(700);
    line.expect(
      { connect: [0, 100], 'insert a': [100, 400], 'insert b': [100, 200], 'insert c': [100, 300] },
      'connect finishes at 100 ms: the three inserts should all start then, together, not one after another',
    );
    expectList(
      fake.calls('insert'),
      ['insert a called at 100', 'insert b called at 100', 'insert c called at 100'],
      'the inserts, with when they were called (connect finished at 100 ms),',
    );
  });

  test('inserts every entry, falsy ones included', points(1, EVERY_ENTRY), async () => {
    const fake = anyRecordDb();
    const outcome = track(call<unknown>(fake.db, [0, '', undefined, null, 'last']));
    await clock.advance(150);
    expectResolved(outcome, 150);
    expectList(fake.inserted, [0, '', undefined, null, 'last'], 'the records inserted, in the order insert was called,');
  });

  test('a record listed twice is inserted twice', points(1, EVERY_ENTRY), async () => {
    const fake = anyRecordDb();
    const outcome = track(call<unknown>(fake.db, ['a', 'b', 'a']));
    await clock.advance(150);
    expectResolved(outcome, 150);
    expectList(fake.inserted, ['a', 'b', 'a'], 'the records inserted, in the order insert was called,');
  });

  test('calls connect and insert as methods of db, insert with the record as its only argument', points(2, METHODS), async () => {
    const { client, log } = classClient();
    const outcome = track(call<string>(client, ['a', 'b']));
    await clock.advance(30);
    expectList(log, ['connect()', "insert('a')", "insert('b')"], 'the calls the client received, with their arguments');
    expectResolved(outcome, 30);
  });

  test('resolves only when the slowest insert has finished, not a moment earlier', points(3, WAITS_FOR_ALL), async () => {
    const line = timeline(clock);
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 300 }, c: { ms: 200 } }, line);
    const outcome = runOn(line, fake, ['a', 'b', 'c']);
    await clock.advance(400);
    line.expect(
      { importAll: [0, 400], connect: [0, 100], 'insert a': [100, 150], 'insert b': [100, 400], 'insert c': [100, 300] },
      'insert b, the slowest, finishes at 400 ms: importAll should wait for it, and for every other insert, and resolve then',
    );
    expectResolved(outcome, 400);
  });

  test('resolves with undefined, not with the inserts’ results', points(1, UNDEFINED), async () => {
    const db = {
      connect: (): Promise<void> => Promise.resolve(),
      // A real client may resolve with something (a row id); the contract still says undefined.
      insert: (record: string): Promise<void> => new Promise((resolve) => setTimeout(() => (resolve as (value: unknown) => void)(`row ${record}`), 10)),
    };
    const outcome = track(call(db, ['a', 'b']));
    await clock.advance(10);
    expectResolved(outcome, 10);
  });

  test('with no records, connects and resolves once the connection is up', points(1, NO_RECORDS), async () => {
    const fake = fakeDb({ ms: 100 }, {});
    const outcome = run(fake, []);
    expectList(fake.calls('connect'), ['connect called at 0'], 'the calls to connect made before importAll returned');
    await clock.advance(99);
    expect(outcome.state(), 'connect is still running at 99 ms: importAll should still be pending').toBe('pending');
    await clock.advance(1);
    expectResolved(outcome, 100);
  });
});

describe('when something fails', () => {
  test('a failed connect rejects with that same error, at the moment it fails', points(3, CONNECT_FAILS), async () => {
    const refused = new Error('connection refused');
    const fake = fakeDb({ ms: 100, error: refused }, { a: { ms: 50 } });
    const outcome = run(fake, ['a']);
    await clock.advance(99);
    expect(outcome.state(), 'connect is still running at 99 ms: importAll should still be pending').toBe('pending');
    await clock.advance(1);
    expectRejected(outcome, refused, 100);
  });

  test('a failed connect inserts nothing', points(1, NO_INSERT_AFTER_FAILED_CONNECT), async () => {
    const fake = fakeDb({ ms: 100, error: new Error('connection refused') }, { a: { ms: 50 }, b: { ms: 50 } });
    run(fake, ['a', 'b']);
    await clock.advance(300);
    expectList(fake.calls('insert'), [], 'the inserts started although connect failed');
  });

  test('a connect that rejects with undefined rejects importAll with undefined', points(1, AS_IT_IS), async () => {
    const fake = fakeDb({ ms: 100, error: undefined }, { a: { ms: 50 } });
    const outcome = run(fake, ['a']);
    await clock.advance(200);
    expectRejected(outcome, undefined, 100);
    expectList(fake.calls('insert'), [], 'the inserts started although connect failed');
  });

  test('a failed insert rejects with that same error, at the moment it fails', points(3, INSERT_FAILS), async () => {
    const duplicate = new Error('duplicate key: b');
    const line = timeline(clock);
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 150, error: duplicate }, c: { ms: 200 } }, line);
    const outcome = runOn(line, fake, ['a', 'b', 'c']);
    await clock.advance(400);
    line.expect(
      { importAll: [0, 250], connect: [0, 100], 'insert a': [100, 400], 'insert b': [100, 250], 'insert c': [100, 300] },
      'insert b fails at 250 ms: importAll should reject at that moment, without waiting for the other inserts',
    );
    expectRejected(outcome, duplicate, 250);
  });

  test('an insert that rejects with a string rejects importAll with that same string', points(1, AS_IT_IS), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 50, error: 'duplicate key: b' } });
    const outcome = run(fake, ['a', 'b']);
    await clock.advance(400);
    expectRejected(outcome, 'duplicate key: b', 150);
  });

  test('a failed insert listed last is not lost either', points(2, EVERY_INSERT_WATCHED), async () => {
    const full = new Error('disk full');
    const line = timeline(clock);
    const fake = fakeDb({ ms: 10 }, { a: { ms: 20 }, b: { ms: 30 }, c: { ms: 40, error: full } }, line);
    const outcome = runOn(line, fake, ['a', 'b', 'c']);
    await clock.advance(100);
    line.expect(
      { importAll: [0, 50], connect: [0, 10], 'insert a': [10, 30], 'insert b': [10, 40], 'insert c': [10, 50] },
      'insert c, listed last, fails at 50 ms, after the others have succeeded: importAll should wait for it, and reject at that moment',
    );
    expectRejected(outcome, full, 50);
  });

  test('when several inserts fail, it rejects with the first to fail, and the others still run to their end', points(2, FIRST_FAILURE), async () => {
    const late = new Error('fails later');
    const early = new Error('fails first');
    const line = timeline(clock);
    const fake = fakeDb({ ms: 100 }, { a: { ms: 200, error: late }, b: { ms: 300 }, c: { ms: 50, error: early } }, line);
    const outcome = runOn(line, fake, ['a', 'b', 'c']);
    await clock.advance(400);
    line.expect(
      { importAll: [0, 150], connect: [0, 100], 'insert a': [100, 300], 'insert b': [100, 400], 'insert c': [100, 150] },
      'insert c fails first, at 150 ms, and insert a at 300 ms: importAll should reject at 150 ms, while the other inserts run on to their end',
    );
    expectRejected(outcome, early, 150);
    expectList(
      fake.log.filter((line) => !line.includes(' called at ')),
      ['connect done at 100', 'insert c failed at 150', 'insert a failed at 300', 'insert b done at 400'],
      'how each operation ended',
    );
  });
});

describe('no lost errors', () => {
  test('a failed connect leaves no unhandled rejection', points(2, HANDLED_CONNECT), async () => {
    const fake = fakeDb({ ms: 100, error: new Error('connection refused') }, { a: { ms: 50 } });
    run(fake, ['a']);
    await clock.advance(200);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('failed inserts leave no unhandled rejection, not even those that fail after the first failure', points(2, HANDLED_INSERTS), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300, error: new Error('a') }, b: { ms: 100, error: new Error('b') }, c: { ms: 200, error: new Error('c') } });
    run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });
});
