// Visible tests for lost-update: a few examples to run with `npm run check -- lost-update` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Bank, type Ledger } from './lost-update.ts';

// Fake timers: time moves only when the test says so, so a 100 ms read takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake ledger: reading takes 100 ms, writing 50 ms; `log` says who did what, and when. */
function fakeLedger(balances: Record<string, number>) {
  const start = Date.now();
  const log: string[] = [];
  const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const ledger: Ledger = {
    read: async (account) => {
      log.push(`read ${account} at ${Date.now() - start}`);
      await after(100);
      return balances[account] ?? 0;
    },
    write: async (account, balance) => {
      log.push(`write ${account} = ${balance} at ${Date.now() - start}`);
      await after(50);
      balances[account] = balance;
    },
  };
  return { ledger, log };
}

test('two deposits at once into one account both count', async () => {
  const balances = { alice: 100 };
  const bank = new Bank(fakeLedger(balances).ledger);
  const both = Promise.all([bank.deposit('alice', 50), bank.deposit('alice', 25)]);
  await vi.advanceTimersByTimeAsync(300);
  expect(await both).toEqual([150, 175]);
  expect(balances.alice).toBe(175);
});

test('deposits into one account run one after another, in order', async () => {
  const { ledger, log } = fakeLedger({ alice: 100 });
  const bank = new Bank(ledger);
  void bank.deposit('alice', 50);
  void bank.deposit('alice', 25);
  await vi.advanceTimersByTimeAsync(300);
  expect(log).toEqual(['read alice at 0', 'write alice = 150 at 100', 'read alice at 150', 'write alice = 175 at 250']);
});

test('deposits into different accounts do not wait for each other', async () => {
  const { ledger, log } = fakeLedger({ alice: 100, bob: 10 });
  const bank = new Bank(ledger);
  const both = Promise.all([bank.deposit('alice', 50), bank.deposit('bob', 5)]);
  await vi.advanceTimersByTimeAsync(150);
  expect(await both).toEqual([150, 15]);
  expect(log).toEqual(['read alice at 0', 'read bob at 0', 'write alice = 150 at 100', 'write bob = 15 at 100']);
});

test('a failed deposit rejects with the ledger’s error and does not block the next one', async () => {
  const { ledger } = fakeLedger({ alice: 100 });
  let reads = 0;
  const flaky: Ledger = {
    // The first read fails; the others work.
    read: (account) => (++reads === 1 ? Promise.reject(new Error('ledger offline')) : ledger.read(account)),
    write: (account, balance) => ledger.write(account, balance),
  };
  const bank = new Bank(flaky);
  const first = bank.deposit('alice', 50);
  const rejected = expect(first).rejects.toThrow('ledger offline'); // attach before time moves
  const second = bank.deposit('alice', 25);
  await vi.advanceTimersByTimeAsync(150);
  await rejected;
  expect(await second).toBe(125);
});
