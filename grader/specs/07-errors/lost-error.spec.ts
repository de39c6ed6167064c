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
import { type Tracked, captureUnhandledRejections, describeOutcome, expectList, show, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

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
 */
function fakeDb(connect: Plan, inserts: Record<string, Plan>) {
  const log: string[] = [];
  const settleAfter = (plan: Plan, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      setTimeout(() => {
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
      if (!plan) throw new Error(`the spec planned no insert of ${record}`);
      return settleAfter(plan, `insert ${record}`);
    },
  };
  return { db, log, calls: (prefix: string) => log.filter((line) => line.startsWith(prefix) && line.includes(' called at ')) };
}

/**
 * Runs importAll and tracks its outcome. Tracking handles a rejection at once, so a wrong solution
 * cannot leave it unhandled; and the tests look at the outcome instead of awaiting the promise, so
 * a wrong solution that never settles fails them instead of hanging.
 */
function run(fake: ReturnType<typeof fakeDb>, records: readonly string[]): Tracked<void> {
  return track(ex.importAll(fake.db, records));
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

describe('when everything works', () => {
  test('calls connect once, during the call, and never again', async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 50 } });
    const outcome = run(fake, ['a', 'b']);
    expectList(fake.calls('connect'), ['connect called at 0'], 'the calls to connect made before importAll returned');
    await clock.advance(150);
    expectResolved(outcome, 150);
    expectList(fake.calls('connect'), ['connect called at 0'], 'the calls to connect made by the end of the import');
  });

  test('starts no insert before the connection is up', points(2), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 50 } });
    run(fake, ['a', 'b']);
    await clock.advance(99);
    expectList(fake.calls('insert'), [], 'the inserts started while connect was still running');
  });

  test('then inserts every record once, in order, all at the moment the connection is up', points(3), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 100 }, c: { ms: 200 } });
    run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    expectList(
      fake.calls('insert'),
      ['insert a called at 100', 'insert b called at 100', 'insert c called at 100'],
      'the inserts, with when they were called (connect finished at 100 ms),',
    );
  });

  test('inserts every entry, falsy ones included', async () => {
    const fake = anyRecordDb();
    const outcome = track(ex.importAll<unknown>(fake.db, [0, '', undefined, null, 'last']));
    await clock.advance(150);
    expectResolved(outcome, 150);
    expectList(fake.inserted, [0, '', undefined, null, 'last'], 'the records inserted, in the order insert was called,');
  });

  test('a record listed twice is inserted twice', async () => {
    const fake = anyRecordDb();
    const outcome = track(ex.importAll<unknown>(fake.db, ['a', 'b', 'a']));
    await clock.advance(150);
    expectResolved(outcome, 150);
    expectList(fake.inserted, ['a', 'b', 'a'], 'the records inserted, in the order insert was called,');
  });

  test('calls connect and insert as methods of db, insert with the record as its only argument', points(2), async () => {
    const { client, log } = classClient();
    const outcome = track(ex.importAll<string>(client, ['a', 'b']));
    await clock.advance(30);
    expectList(log, ['connect()', "insert('a')", "insert('b')"], 'the calls the client received, with their arguments');
    expectResolved(outcome, 30);
  });

  test('resolves only when the slowest insert has finished, not a moment earlier', points(3), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 300 }, c: { ms: 200 } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(399);
    expect(outcome.state(), 'insert b is still running at 399 ms: importAll should still be pending').toBe('pending');
    await clock.advance(1);
    expectResolved(outcome, 400);
  });

  test('resolves with undefined, not with the inserts’ results', async () => {
    const db = {
      connect: (): Promise<void> => Promise.resolve(),
      // A real client may resolve with something (a row id); the contract still says undefined.
      insert: (record: string): Promise<void> => new Promise((resolve) => setTimeout(() => (resolve as (value: unknown) => void)(`row ${record}`), 10)),
    };
    const outcome = track(ex.importAll(db, ['a', 'b']));
    await clock.advance(10);
    expectResolved(outcome, 10);
  });

  test('with no records, connects and resolves once the connection is up', async () => {
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
  test('a failed connect rejects with that same error, at the moment it fails', points(3), async () => {
    const refused = new Error('connection refused');
    const fake = fakeDb({ ms: 100, error: refused }, { a: { ms: 50 } });
    const outcome = run(fake, ['a']);
    await clock.advance(99);
    expect(outcome.state(), 'connect is still running at 99 ms: importAll should still be pending').toBe('pending');
    await clock.advance(1);
    expectRejected(outcome, refused, 100);
  });

  test('a failed connect inserts nothing', async () => {
    const fake = fakeDb({ ms: 100, error: new Error('connection refused') }, { a: { ms: 50 }, b: { ms: 50 } });
    run(fake, ['a', 'b']);
    await clock.advance(300);
    expectList(fake.calls('insert'), [], 'the inserts started although connect failed');
  });

  test('a connect that rejects with undefined rejects importAll with undefined', async () => {
    const fake = fakeDb({ ms: 100, error: undefined }, { a: { ms: 50 } });
    const outcome = run(fake, ['a']);
    await clock.advance(200);
    expectRejected(outcome, undefined, 100);
    expectList(fake.calls('insert'), [], 'the inserts started although connect failed');
  });

  test('a failed insert rejects with that same error, at the moment it fails', points(3), async () => {
    const duplicate = new Error('duplicate key: b');
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 150, error: duplicate }, c: { ms: 200 } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(249);
    expect(outcome.state(), 'nothing has failed at 249 ms: importAll should still be pending').toBe('pending');
    await clock.advance(1);
    expectRejected(outcome, duplicate, 250);
  });

  test('an insert that rejects with a string rejects importAll with that same string', async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 50, error: 'duplicate key: b' } });
    const outcome = run(fake, ['a', 'b']);
    await clock.advance(400);
    expectRejected(outcome, 'duplicate key: b', 150);
  });

  test('a failed insert listed last is not lost either', points(2), async () => {
    const full = new Error('disk full');
    const fake = fakeDb({ ms: 10 }, { a: { ms: 20 }, b: { ms: 30 }, c: { ms: 40, error: full } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(100);
    expectRejected(outcome, full, 50);
  });

  test('when several inserts fail, it rejects with the first to fail, and the others still run to their end', points(2), async () => {
    const late = new Error('fails later');
    const early = new Error('fails first');
    const fake = fakeDb({ ms: 100 }, { a: { ms: 200, error: late }, b: { ms: 300 }, c: { ms: 50, error: early } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    expectRejected(outcome, early, 150);
    expectList(
      fake.log.filter((line) => !line.includes(' called at ')),
      ['connect done at 100', 'insert c failed at 150', 'insert a failed at 300', 'insert b done at 400'],
      'how each operation ended',
    );
  });
});

describe('no lost errors', () => {
  test('a failed connect leaves no unhandled rejection', points(2), async () => {
    const fake = fakeDb({ ms: 100, error: new Error('connection refused') }, { a: { ms: 50 } });
    run(fake, ['a']);
    await clock.advance(200);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });

  test('failed inserts leave no unhandled rejection, not even those that fail after the first failure', points(2), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300, error: new Error('a') }, b: { ms: 100, error: new Error('b') }, c: { ms: 200, error: new Error('c') } });
    run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });
});
