import { describe, expect, test } from 'vitest';
import { type Tracked, captureUnhandledRejections, loadExercise, points, realTick, track, useVirtualTime } from '../../spec-kit/index.ts';

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

describe('when everything works', () => {
  test('calls connect once, during the call', () => {
    const fake = fakeDb({ ms: 100 }, {});
    run(fake, []);
    expect(fake.calls('connect')).toEqual(['connect called at 0']);
  });

  test('starts no insert before the connection is up', points(2), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 50 } });
    run(fake, ['a', 'b']);
    await clock.advance(99);
    expect(fake.calls('insert')).toEqual([]);
  });

  test('then inserts every record once, in order, all at the moment the connection is up', points(3), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 100 }, c: { ms: 200 } });
    run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    expect(fake.calls('insert')).toEqual(['insert a called at 100', 'insert b called at 100', 'insert c called at 100']);
  });

  test('resolves only when the slowest insert has finished, not a moment earlier', points(3), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 50 }, b: { ms: 300 }, c: { ms: 200 } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(399);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ resolved: undefined, at: 400 });
  });

  test('with no records, connects and resolves once the connection is up', async () => {
    const fake = fakeDb({ ms: 100 }, {});
    const outcome = run(fake, []);
    await clock.advance(99);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ resolved: undefined, at: 100 });
  });
});

describe('when something fails', () => {
  test('a failed connect rejects with that same error, at the moment it fails', points(3), async () => {
    const refused = new Error('connection refused');
    const fake = fakeDb({ ms: 100, error: refused }, { a: { ms: 50 } });
    const outcome = run(fake, ['a']);
    await clock.advance(99);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ rejected: refused, at: 100 });
    expect(outcome.value()).toBe(refused);
  });

  test('a failed connect inserts nothing', async () => {
    const fake = fakeDb({ ms: 100, error: new Error('connection refused') }, { a: { ms: 50 }, b: { ms: 50 } });
    run(fake, ['a', 'b']);
    await clock.advance(300);
    expect(fake.calls('insert')).toEqual([]);
  });

  test('a failed insert rejects with that same error, at the moment it fails', points(3), async () => {
    const duplicate = new Error('duplicate key: b');
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300 }, b: { ms: 150, error: duplicate }, c: { ms: 200 } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(249);
    expect(outcome.state()).toBe('pending');
    await clock.advance(1);
    expect(outcome.outcome()).toEqual({ rejected: duplicate, at: 250 });
    expect(outcome.value()).toBe(duplicate);
  });

  test('a failed insert listed last is not lost either', points(2), async () => {
    const full = new Error('disk full');
    const fake = fakeDb({ ms: 10 }, { a: { ms: 20 }, b: { ms: 30 }, c: { ms: 40, error: full } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(100);
    expect(outcome.outcome()).toEqual({ rejected: full, at: 50 });
  });

  test('when several inserts fail, it rejects with the first to fail', async () => {
    const late = new Error('fails later');
    const early = new Error('fails first');
    const fake = fakeDb({ ms: 100 }, { a: { ms: 200, error: late }, b: { ms: 300 }, c: { ms: 50, error: early } });
    const outcome = run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    expect(outcome.outcome()).toEqual({ rejected: early, at: 150 });
  });
});

describe('no lost errors', () => {
  test('a failed connect leaves no unhandled rejection', points(2), async () => {
    const fake = fakeDb({ ms: 100, error: new Error('connection refused') }, { a: { ms: 50 } });
    run(fake, ['a']);
    await clock.advance(200);
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });

  test('failed inserts leave no unhandled rejection, not even those that fail after the first failure', points(2), async () => {
    const fake = fakeDb({ ms: 100 }, { a: { ms: 300, error: new Error('a') }, b: { ms: 100, error: new Error('b') }, c: { ms: 200, error: new Error('c') } });
    run(fake, ['a', 'b', 'c']);
    await clock.advance(400);
    await realTick();
    await realTick();
    expect(unhandled).toEqual([]);
  });
});
