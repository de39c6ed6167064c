// Hidden spec of 09-locks/lost-update: a Bank whose deposits lose no update.
//
// Clause list: each clause of the stub's doc comment, then the tests that fail when only it is broken.
//
//  1. `new Bank(ledger)` only keeps the ledger: calls nothing, starts no timer.
//       - creating a bank calls nothing on the ledger and starts no timer
//  2. deposit calls read(account), then write(account, balance + amount) once read resolved, and
//     resolves with balance + amount once write resolved; as methods, once each, exactly those
//     arguments; every deposit reads from the ledger (no balances kept).
//       - a deposit reads, then writes the balance plus the amount, and resolves with it when the write is done
//       - calls read and write as methods of the ledger, once each, with exactly their arguments
//       - every deposit reads the balance from the ledger, even after something else wrote to it
//  2b. Any number is an amount (0, negative, fractional): no check, no rounding.
//       - any amount is deposited as it is: zero and negative amounts read and write like the others
//       - the new balance is exactly balance + amount, as JavaScript adds them, never rounded
//  3. Same account: never overlap; one at a time in call order; each reads at the moment the one
//     before it finished; so no deposit is lost.
//       - two deposits at once into one account both count: the second reads after the first has written
//       - deposits into one account run one at a time, in call order, each starting when the one before it ends
//       - a deposit that arrives while the second of a queue runs waits for it too
//       - under random arrivals and delays, no deposit is lost and each account’s deposits follow one another
//  4. Different accounts do not wait for each other; accounts told apart by ===, '' included.
//       - deposits into different accounts run at the same time
//       - a queue in one account does not hold up another account
//       - accounts are told apart by ===: names that differ only in case, spaces or Unicode form are different accounts
//       - the empty string is an account of its own
//       - accounts named like the properties of every object are accounts like any other
//       - under random arrivals and delays, no deposit is lost and each account’s deposits follow one another
//  5. Nothing in its way: calls read at the virtual time of the deposit call.
//       - a deposit reads, then writes the balance plus the amount, and resolves with it when the write is done
//       - a deposit into an account that has been idle for a while reads at once
//  6. read rejects: same error, no write; write rejects: same error; either way the account is free
//     for the next deposit at that moment; no unhandled rejection.
//       - a failed read rejects the deposit with that same error, at that moment, and writes nothing
//       - a failed write rejects the deposit with that same error, at that moment
//       - a failed deposit frees its account at that moment for the next one
//       - rejects with what the ledger rejects with even when it is not an Error
//       - failed deposits leave no unhandled rejection
//  7. deposit never throws synchronously: it always returns a promise.
//       - deposit always returns a promise
import { describe, expect, test } from 'vitest';
import {
  captureUnhandledRejections,
  describeOutcome,
  expectList,
  loadExercise,
  points,
  realTick,
  show,
  type Tracked,
  timeline,
  track,
  useVirtualTime,
} from '../../spec-kit/index.ts';

type Module = typeof import('@target/09-locks/lost-update.ts');
type Ledger = import('@target/09-locks/lost-update.ts').Ledger;

const ex = loadExercise<Module>('09-locks/lost-update', ['Bank']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

/** How long a ledger call takes, and whether it fails (with `error`). */
interface Step {
  readonly ms: number;
  readonly error?: unknown;
}

/**
 * A fake ledger. Each call takes the next step planned for it (`plan(kind, account, n)`, n counting
 * that account's calls of that kind from 0), and the log records every call and completion with
 * its virtual time: `read a at 0`, `read a done at 100`, `write a = 150 at 100`.
 */
function fakeLedger(balances: Record<string, number>, plan: (kind: 'read' | 'write', account: string, n: number) => Step = (kind) => ({ ms: kind === 'read' ? 100 : 50 })) {
  const log: string[] = [];
  const counts = new Map<string, number>();
  const next = (kind: 'read' | 'write', account: string): Step => {
    const key = `${kind} ${account}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return plan(kind, account, n);
  };
  const ledger: Ledger = {
    read(account) {
      log.push(`read ${account} at ${clock.now()}`);
      const step = next('read', account);
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          if ('error' in step) {
            log.push(`read ${account} failed at ${clock.now()}`);
            reject(step.error);
          } else {
            log.push(`read ${account} done at ${clock.now()}`);
            resolve(balances[account] ?? 0);
          }
        }, step.ms),
      );
    },
    write(account, balance) {
      log.push(`write ${account} = ${balance} at ${clock.now()}`);
      const step = next('write', account);
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          if ('error' in step) {
            log.push(`write ${account} failed at ${clock.now()}`);
            reject(step.error);
          } else {
            balances[account] = balance;
            log.push(`write ${account} done at ${clock.now()}`);
            resolve();
          }
        }, step.ms),
      );
    },
  };
  return { ledger, log, calls: () => log.filter((line) => !line.includes(' done ') && !line.includes(' failed ')) };
}

function expectResolved(outcome: Tracked<unknown>, value: unknown, at: number, what: string): void {
  const expected = describeOutcome({ resolved: value, at });
  const actual = describeOutcome(outcome.outcome());
  expect(actual, `${what} should have ${expected}, but it ${actual}`).toBe(expected);
}

function expectRejected(outcome: Tracked<unknown>, error: unknown, at: number, what: string): void {
  const result = outcome.outcome();
  const same = result !== 'pending' && 'rejected' in result && Object.is(result.rejected, error) && result.at === at;
  expect(same, `${what} should have rejected with ${show(error)} itself at ${at} ms, but it ${describeOutcome(result)}`).toBe(true);
}

describe('one deposit', () => {
  test('creating a bank calls nothing on the ledger and starts no timer', async () => {
    const fake = fakeLedger({});
    new ex.Bank(fake.ledger);
    await clock.settle();
    expectList(fake.log, [], 'the ledger calls made by new Bank()');
    expect(clock.timersStarted(), 'timers started by new Bank()').toBe(0);
  });

  test('a deposit reads, then writes the balance plus the amount, and resolves with it when the write is done', points(3), async () => {
    const balances = { alice: 100 };
    const fake = fakeLedger(balances);
    const bank = new ex.Bank(fake.ledger);
    const deposit = track(bank.deposit('alice', 50));
    await clock.settle();
    expectList(fake.calls(), ['read alice at 0'], 'the ledger calls right after deposit()');
    await clock.advance(149);
    expect(deposit.state(), 'the write ends at 150 ms: the deposit should still be pending at 149 ms').toBe('pending');
    await clock.advance(1);
    expectList(fake.calls(), ['read alice at 0', 'write alice = 150 at 100'], 'the ledger calls of one deposit');
    expectResolved(deposit, 150, 150, 'the deposit');
    expect(balances.alice, 'the balance in the ledger').toBe(150);
  });

  test('calls read and write as methods of the ledger, once each, with exactly their arguments', points(2), async () => {
    const calls: string[] = [];
    class Database implements Ledger {
      #balance = 7;
      read(...args: unknown[]): Promise<number> {
        calls.push(`read(${args.map(show).join(', ')})${this instanceof Database ? '' : ' without this'}`);
        return new Promise((resolve) => setTimeout(() => resolve(this.#balance), 10));
      }
      write(...args: unknown[]): Promise<void> {
        calls.push(`write(${args.map(show).join(', ')})${this instanceof Database ? '' : ' without this'}`);
        this.#balance = args[1] as number;
        return new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    const bank = new ex.Bank(new Database());
    const deposit = track(bank.deposit('acc-1', 3));
    await clock.advance(20);
    expectList(calls, ["read('acc-1')", "write('acc-1', 10)"], 'the calls the ledger received');
    expectResolved(deposit, 10, 20, 'the deposit');
  });

  test('every deposit reads the balance from the ledger, even after something else wrote to it', points(2), async () => {
    const balances = { alice: 100 };
    const fake = fakeLedger(balances);
    const bank = new ex.Bank(fake.ledger);
    const first = track(bank.deposit('alice', 50));
    await clock.advance(150);
    expectResolved(first, 150, 150, 'the first deposit');
    balances.alice = 1000; // another program wrote to the ledger
    const second = track(bank.deposit('alice', 1));
    await clock.advance(150);
    expectResolved(second, 1001, 300, 'the second deposit, after the ledger changed to 1000');
  });

  test(
    'any amount is deposited as it is: zero and negative amounts read and write like the others',
    points(2, { hint: 'The doc comment asks for no check of the amount: read, then write exactly balance + amount, whatever number it is.', section: 'a-race-with-one-thread' }),
    async () => {
      const balances = { alice: 100 };
      const fake = fakeLedger(balances);
      const bank = new ex.Bank(fake.ledger);
      const zero = track(bank.deposit('alice', 0));
      await clock.advance(150);
      expectResolved(zero, 100, 150, 'the deposit of 0 into 100');
      const negative = track(bank.deposit('alice', -30));
      await clock.advance(150);
      expectList(fake.calls(), ['read alice at 0', 'write alice = 100 at 100', 'read alice at 150', 'write alice = 70 at 250'], 'the ledger calls of a deposit of 0, then one of -30');
      expectResolved(negative, 70, 300, 'the deposit of -30 into 100');
      expect(balances.alice, 'the balance in the ledger').toBe(70);
    },
  );

  test(
    'the new balance is exactly balance + amount, as JavaScript adds them, never rounded',
    points(2, { hint: 'Write and return exactly `balance + amount`: no Math.round, no toFixed.', section: 'a-race-with-one-thread' }),
    async () => {
      const balances = { alice: 0.2 };
      const fake = fakeLedger(balances);
      const bank = new ex.Bank(fake.ledger);
      const first = track(bank.deposit('alice', 0.1));
      await clock.advance(150);
      expectResolved(first, 0.2 + 0.1, 150, 'the deposit of 0.1 into 0.2');
      const second = track(bank.deposit('alice', 0.004));
      await clock.advance(150);
      expectList(fake.calls(), ['read alice at 0', `write alice = ${0.2 + 0.1} at 100`, 'read alice at 150', `write alice = ${0.2 + 0.1 + 0.004} at 250`], 'the ledger calls of a deposit of 0.1 into 0.2, then one of 0.004');
      expectResolved(second, 0.2 + 0.1 + 0.004, 300, 'the deposit of 0.004 after it');
    },
  );

  test('deposit always returns a promise', async () => {
    const bank = new ex.Bank(fakeLedger({}).ledger);
    let result: unknown;
    expect(() => {
      result = bank.deposit('x', 1);
    }, 'deposit() should not throw').not.toThrow();
    expect(typeof (result as { then?: unknown } | undefined)?.then, 'what deposit() returns should be a promise').toBe('function');
    await clock.advance(150);
  });
});

describe('one account, one deposit at a time', () => {
  test(
    'two deposits at once into one account both count: the second reads after the first has written',
    points(4, { hint: 'The update is lost between the read and the write. Hold a lock of the account from the read to the end of the write.', section: 'a-race-with-one-thread' }),
    async () => {
      const balances = { alice: 100 };
      const fake = fakeLedger(balances);
      const bank = new ex.Bank(fake.ledger);
      const a = track(bank.deposit('alice', 50));
      const b = track(bank.deposit('alice', 25));
      await clock.advance(300);
      expectList(fake.calls(), ['read alice at 0', 'write alice = 150 at 100', 'read alice at 150', 'write alice = 175 at 250'], 'the ledger calls of two deposits made at once');
      expectResolved(a, 150, 150, 'the first deposit');
      expectResolved(b, 175, 300, 'the second deposit');
      expect(balances.alice, 'the balance once both are done').toBe(175);
    },
  );

  test('deposits into one account run one at a time, in call order, each starting when the one before it ends', points(4, { section: 'a-race-with-one-thread' }), async () => {
    // Reads and writes of different lengths, so that a deposit that starts early would finish early.
    const lengths = [
      [300, 10],
      [20, 200],
      [50, 50],
      [10, 10],
    ];
    const fake = fakeLedger({ alice: 0 }, (kind, _account, n) => ({ ms: lengths[n]![kind === 'read' ? 0 : 1]! }));
    const bank = new ex.Bank(fake.ledger);
    const work = timeline(clock);
    const deposits = [1, 2, 3, 4].map((amount) => track(work.run(`deposit ${amount}`, () => bank.deposit('alice', amount))));
    await clock.advance(1000);
    work.expect(
      { 'deposit 1': [0, 310], 'deposit 2': [0, 530], 'deposit 3': [0, 630], 'deposit 4': [0, 650] },
      'each deposit should resolve when its own write is done, one after another',
    );
    expectList(
      fake.calls(),
      ['read alice at 0', 'write alice = 1 at 300', 'read alice at 310', 'write alice = 3 at 330', 'read alice at 530', 'write alice = 6 at 580', 'read alice at 630', 'write alice = 10 at 640'],
      'the ledger calls, in order',
    );
    for (const [i, deposit] of deposits.entries()) expectResolved(deposit, [1, 3, 6, 10][i], [310, 530, 630, 650][i]!, `deposit ${i + 1}`);
  });

  test('a deposit that arrives while the second of a queue runs waits for it too', points(2), async () => {
    const fake = fakeLedger({ alice: 0 });
    const bank = new ex.Bank(fake.ledger);
    void bank.deposit('alice', 1);
    void bank.deposit('alice', 2);
    await clock.advance(200); // the first is done at 150, the second reads from 150 to 250
    const third = track(bank.deposit('alice', 4));
    await clock.advance(300);
    expectList(
      fake.calls(),
      ['read alice at 0', 'write alice = 1 at 100', 'read alice at 150', 'write alice = 3 at 250', 'read alice at 300', 'write alice = 7 at 400'],
      'the ledger calls, in order',
    );
    expectResolved(third, 7, 450, 'the third deposit');
  });

  test('a deposit into an account that has been idle for a while reads at once', async () => {
    const fake = fakeLedger({ alice: 0 });
    const bank = new ex.Bank(fake.ledger);
    void bank.deposit('alice', 1);
    void bank.deposit('alice', 2);
    await clock.advance(1000);
    void bank.deposit('alice', 3);
    await clock.settle();
    expect(fake.calls().at(-1), 'the last ledger call').toBe('read alice at 1000');
  });

  test(
    'under random arrivals and delays, no deposit is lost and each account’s deposits follow one another',
    points(4, { hint: 'Keep one lock (or one promise chain) per account, and let a deposit start only when the previous deposit into that account has settled, whichever way.', section: 'lock-only-what-you-must' }),
    async () => {
      let seed = 2024;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const accounts = ['a', 'b', 'c'];
      const deposits = Array.from({ length: 30 }, (_, i) => ({
        label: `d${String(i).padStart(2, '0')}`,
        account: accounts[random(3)]!,
        amount: 1 + random(100),
        arrives: random(50) * 10,
        read: 10 + random(10) * 10,
        write: 10 + random(10) * 10,
      })).sort((x, y) => x.arrives - y.arrives);
      // What a correct bank does: per account, in order of arrival, each deposit starts when the
      // account is free and takes its read plus its write.
      const expectedSchedule: Record<string, [number, number]> = {};
      const expectedValue: Record<string, number> = {};
      const freeAt: Record<string, number> = {};
      const totals: Record<string, number> = { a: 0, b: 0, c: 0 };
      for (const deposit of deposits) {
        const starts = Math.max(deposit.arrives, freeAt[deposit.account] ?? 0);
        freeAt[deposit.account] = starts + deposit.read + deposit.write;
        totals[deposit.account]! += deposit.amount;
        expectedSchedule[deposit.label] = [deposit.arrives, freeAt[deposit.account]!];
        expectedValue[deposit.label] = totals[deposit.account]!;
      }
      const byCall = new Map<string, (typeof deposits)[number]>();
      const order: Record<string, string[]> = { a: [], b: [], c: [] };
      const balances: Record<string, number> = { a: 0, b: 0, c: 0 };
      const fake = fakeLedger(balances, (kind, account, n) => {
        const deposit = byCall.get(order[account]![n]!)!;
        return { ms: kind === 'read' ? deposit.read : deposit.write };
      });
      const bank = new ex.Bank(fake.ledger);
      const work = timeline(clock);
      const outcomes = new Map<string, Tracked<number>>();
      for (const deposit of deposits) {
        byCall.set(deposit.label, deposit);
        setTimeout(() => {
          order[deposit.account]!.push(deposit.label);
          outcomes.set(deposit.label, track(work.run(deposit.label, () => bank.deposit(deposit.account, deposit.amount))));
        }, deposit.arrives);
      }
      await clock.advance(10_000);
      expect({ ...balances }, 'the balances once every deposit is done (the sum of each account’s deposits)').toEqual(totals);
      work.expect(expectedSchedule, 'each deposit should end when the deposits before it into its account, and its own read and write, are done');
      for (const deposit of deposits) {
        expectResolved(outcomes.get(deposit.label)!, expectedValue[deposit.label], expectedSchedule[deposit.label]![1], `${deposit.label} (into ${deposit.account})`);
      }
    },
  );
});

describe('different accounts at the same time', () => {
  test(
    'deposits into different accounts run at the same time',
    points(4, { hint: 'One lock for the whole bank makes every deposit wait for every other. Keep one lock per account, in a Map.', section: 'lock-only-what-you-must' }),
    async () => {
      const fake = fakeLedger({ alice: 100, bob: 10, carol: 1 });
      const bank = new ex.Bank(fake.ledger);
      const work = timeline(clock);
      const deposits = ['alice', 'bob', 'carol'].map((account) => track(work.run(account, () => bank.deposit(account, 1))));
      await clock.advance(150);
      work.expect({ alice: [0, 150], bob: [0, 150], carol: [0, 150] }, 'deposits into three accounts should all run together');
      expectResolved(deposits[0]!, 101, 150, 'the deposit into alice');
      expectResolved(deposits[1]!, 11, 150, 'the deposit into bob');
      expectResolved(deposits[2]!, 2, 150, 'the deposit into carol');
    },
  );

  test('a queue in one account does not hold up another account', points(2, { section: 'lock-only-what-you-must' }), async () => {
    const fake = fakeLedger({ alice: 0, bob: 0 });
    const bank = new ex.Bank(fake.ledger);
    const work = timeline(clock);
    void work.run('alice 1', () => bank.deposit('alice', 1));
    void work.run('alice 2', () => bank.deposit('alice', 2));
    void work.run('alice 3', () => bank.deposit('alice', 3));
    await clock.advance(200);
    const bob = track(work.run('bob', () => bank.deposit('bob', 5)));
    await clock.advance(400);
    work.expect({ 'alice 1': [0, 150], 'alice 2': [0, 300], 'alice 3': [0, 450], bob: [200, 350] }, 'bob’s deposit should not wait for alice’s queue');
    expectResolved(bob, 5, 350, 'the deposit into bob');
  });

  test(
    'accounts are told apart by ===: names that differ only in case, spaces or Unicode form are different accounts',
    points(2, { hint: 'Key your locks by the account string exactly as it was passed: no trim(), no toLowerCase(), no normalize().', section: 'lock-only-what-you-must' }),
    async () => {
      const names = ['alice', 'Alice', ' alice', 'alice ', 'ALICE', 'caf\u00e9', 'cafe\u0301'];
      const balances: Record<string, number> = {};
      const fake = fakeLedger(balances);
      const bank = new ex.Bank(fake.ledger);
      const work = timeline(clock);
      const deposits = names.map((name, i) => track(work.run(`account ${i} ${show(name)}`, () => bank.deposit(name, i + 1))));
      await clock.advance(150);
      work.expect(Object.fromEntries(names.map((name, i) => [`account ${i} ${show(name)}`, [0, 150]])), 'deposits into accounts that are not === each other should all run together');
      for (const [i, deposit] of deposits.entries()) expectResolved(deposit, i + 1, 150, `the deposit into ${show(names[i])}`);
      expect({ ...balances }, 'the balances').toEqual(Object.fromEntries(names.map((name, i) => [name, i + 1])));
    },
  );

  test('the empty string is an account of its own', async () => {
    const balances: Record<string, number> = { '': 1, x: 2 };
    const fake = fakeLedger(balances);
    const bank = new ex.Bank(fake.ledger);
    const work = timeline(clock);
    const deposits = [work.run('"" first', () => bank.deposit('', 10)), work.run('x', () => bank.deposit('x', 10)), work.run('"" second', () => bank.deposit('', 100))].map((deposit) => track(deposit));
    await clock.advance(300);
    work.expect({ '"" first': [0, 150], x: [0, 150], '"" second': [0, 300] }, 'the account "" should queue its own deposits and no others');
    expect({ ...balances }, 'the balances').toEqual({ '': 111, x: 12 });
    expectResolved(deposits[2]!, 111, 300, 'the second deposit into ""');
  });

  test('accounts named like the properties of every object are accounts like any other', async () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const balances: Record<string, number> = Object.create(null) as Record<string, number>;
    const fake = fakeLedger(balances);
    const bank = new ex.Bank(fake.ledger);
    const work = timeline(clock);
    const deposits = names.flatMap((name) => [1, 2].map((n) => track(work.run(`${name} ${n}`, () => bank.deposit(name, n)))));
    await clock.advance(300);
    work.expect(
      Object.fromEntries(names.flatMap((name) => [[`${name} 1`, [0, 150]], [`${name} 2`, [0, 300]]])),
      'each of these accounts should queue its own two deposits, and run beside the others',
    );
    for (const [i, deposit] of deposits.entries()) expectResolved(deposit, i % 2 === 0 ? 1 : 3, i % 2 === 0 ? 150 : 300, `deposit ${(i % 2) + 1} into ${names[Math.floor(i / 2)]}`);
  });
});

describe('failures', () => {
  test('a failed read rejects the deposit with that same error, at that moment, and writes nothing', points(2), async () => {
    const offline = new Error('ledger offline');
    const fake = fakeLedger({ alice: 100 }, (kind) => (kind === 'read' ? { ms: 100, error: offline } : { ms: 50 }));
    const bank = new ex.Bank(fake.ledger);
    const deposit = track(bank.deposit('alice', 50));
    await clock.advance(500);
    expectRejected(deposit, offline, 100, 'the deposit whose read failed');
    expectList(fake.calls(), ['read alice at 0'], 'the ledger calls of a deposit whose read failed');
  });

  test('a failed write rejects the deposit with that same error, at that moment', points(2), async () => {
    const full = new Error('disk full');
    const fake = fakeLedger({ alice: 100 }, (kind) => (kind === 'write' ? { ms: 50, error: full } : { ms: 100 }));
    const bank = new ex.Bank(fake.ledger);
    const deposit = track(bank.deposit('alice', 50));
    await clock.advance(500);
    expectRejected(deposit, full, 150, 'the deposit whose write failed');
  });

  test(
    'a failed deposit frees its account at that moment for the next one',
    points(3, { hint: 'Whatever lock you use, release it in a `finally`, and make the next deposit wait for the previous one to settle either way, not only to succeed.', section: 'a-lock-in-typescript' }),
    async () => {
      const errors = { read: new Error('read failed'), write: new Error('write failed') };
      // The first deposit's read fails; the second deposit's write fails; the third works.
      const fake = fakeLedger({ alice: 100 }, (kind, _account, n) => {
        if (kind === 'read' && n === 0) return { ms: 100, error: errors.read };
        if (kind === 'write' && n === 0) return { ms: 50, error: errors.write };
        return { ms: kind === 'read' ? 100 : 50 };
      });
      const bank = new ex.Bank(fake.ledger);
      const first = track(bank.deposit('alice', 1));
      const second = track(bank.deposit('alice', 2));
      const third = track(bank.deposit('alice', 4));
      await clock.advance(1000);
      expectList(
        fake.calls(),
        ['read alice at 0', 'read alice at 100', 'write alice = 102 at 200', 'read alice at 250', 'write alice = 104 at 350'],
        'the ledger calls: each deposit should start the moment the one before it failed',
      );
      expectRejected(first, errors.read, 100, 'the first deposit');
      expectRejected(second, errors.write, 250, 'the second deposit');
      expectResolved(third, 104, 400, 'the third deposit');
    },
  );

  test('rejects with what the ledger rejects with even when it is not an Error', async () => {
    const values: unknown[] = ['offline', undefined, null, 0];
    const fake = fakeLedger({}, (kind, account) => (kind === 'read' ? { ms: 10, error: values[Number(account)] } : { ms: 10 }));
    const bank = new ex.Bank(fake.ledger);
    const deposits = values.map((_, i) => track(bank.deposit(String(i), 1)));
    await clock.advance(100);
    for (const [i, deposit] of deposits.entries()) expectRejected(deposit, values[i], 10, `the deposit whose read rejected with ${show(values[i])}`);
  });

  test('failed deposits leave no unhandled rejection', points(2), async () => {
    // alice: deposits 1 and 3 fail in their read, 2 in its write, 4 works; bob's only deposit fails, and so does carol's last.
    const fake = fakeLedger({ alice: 0 }, (kind, account, n) => {
      if (account === 'bob' || (account === 'carol' && n === 1)) return { ms: 10, error: new Error(`${account} failed`) };
      return n % 2 === 0 && account === 'alice' ? { ms: 10, error: new Error(`${kind} ${n} failed`) } : { ms: 10 };
    });
    const bank = new ex.Bank(fake.ledger);
    const deposits = [1, 2, 3, 4].map((amount) => bank.deposit('alice', amount));
    deposits.push(bank.deposit('bob', 1), bank.deposit('carol', 1), bank.deposit('carol', 2));
    for (const deposit of deposits) deposit.catch(() => {});
    await clock.advance(200);
    await realTick();
    await realTick();
    expectList(unhandled, [], 'rejections nobody handled');
  });
});
