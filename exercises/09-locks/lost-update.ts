// Exercise: fix a lost update
// Lesson: lessons/09-locks.md · Check: npm run check -- lost-update · Grade: npm run grade -- lost-update
//
// JavaScript runs on one thread, and still two async functions can trample on each other: each
// one reads a value, awaits something, and writes back what it read plus its change. Whoever
// writes last wins, and the other change is lost. asyncio has the same race, and the same cure:
// hold a lock from the read to the write.
//
// `BankAsWritten` below is a small program as it was first written. Every deposit works when it
// runs alone; when two deposits into one account overlap, one of them is lost. Read it, see why,
// then write `Bank`: the same program without the race, doing exactly what its doc comment says.
// Use any lock you like: the `Lock` of the lock exercise (`import { Lock } from './lock.ts'`, once
// it passes its grader), or a few lines of your own here. (`BankAsWritten` is not graded; keep it
// to compare, or delete it.)

/**
 * Where the balances live: a database, say. Reading and writing each take time, and either can
 * fail, by rejecting (with any value, not always an Error), never by throwing synchronously.
 */
export interface Ledger {
  /** Resolves with the balance of `account` (0 for an account it has never seen). */
  read(account: string): Promise<number>;
  /** Stores `balance` as the balance of `account`. */
  write(account: string, balance: number): Promise<void>;
}

// The program as it was first written. Do not fix it here: write Bank below.
class BankAsWritten {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async deposit(account: string, amount: number): Promise<number> {
    const balance = await this.#ledger.read(account);
    const updated = balance + amount;
    await this.#ledger.write(account, updated);
    return updated;
  }
}

/**
 * Deposits into the accounts of a `Ledger`, without losing any.
 *
 * - `new Bank(ledger)` only keeps the ledger: it calls nothing and starts no timer.
 * - `deposit(account, amount)` calls `ledger.read(account)`, then, once that has resolved with a
 *   balance, `ledger.write(account, balance + amount)`, and once the write has resolved, resolves
 *   with `balance + amount`. Both are called as methods of the ledger (it may be a class instance
 *   that needs its `this`), once each per deposit, with exactly those arguments. Every deposit
 *   reads the balance from the ledger: keep no balances of your own, since something else may
 *   write to the ledger between two deposits.
 * - Any number is an amount, `0`, negative and fractional ones included: `deposit` neither checks
 *   nor rounds it, and writes exactly `balance + amount` as JavaScript adds them (`0.2 + 0.1` is
 *   `0.30000000000000004`).
 * - Deposits into the same account never overlap: from the call to `read` to the end of its
 *   `write`, a deposit has its account to itself. A deposit into an account that another deposit
 *   is using waits; deposits into one account run one at a time, in the order of the `deposit`
 *   calls, each calling `read` at the moment the one before it has finished (its `write` resolved,
 *   or its `read` or `write` rejected), at that virtual time (how many microtasks later is up to
 *   you). So no deposit is lost: the balance ends up as the sum of them all.
 * - Deposits into different accounts do not wait for each other: they run at the same time. (One
 *   lock for the whole bank would be correct, but slow: every deposit would wait for every other.)
 *   Accounts are told apart by `===`, as they are passed: `'alice'`, `'Alice'` and `' alice'` are
 *   three accounts (no trimming, no case folding, no Unicode normalisation); any string is an
 *   account, `''` and `'__proto__'` included.
 * - A deposit with nothing in its way calls `read` at once: at the virtual time of the `deposit`
 *   call (whether in that very call or a microtask later is up to you).
 * - If `read` rejects, the deposit rejects with that same error (the very value, not wrapped) and
 *   calls no `write`; if `write` rejects, the deposit rejects with that same error. Either way the
 *   account is free for the next deposit at that moment: a failed deposit never blocks the ones
 *   after it, and no promise the `Bank` makes for itself is left with an unhandled rejection (the
 *   promise `deposit` returns is its caller's to handle).
 * - `deposit` never throws synchronously: it always returns a promise.
 */
export class Bank {
  // Add the fields you need here.

  constructor(ledger: Ledger) {
    throw new Error('Bank is not implemented yet: open exercises/09-locks/lost-update.ts and write it.');
  }

  deposit(account: string, amount: number): Promise<number> {
    throw new Error('deposit is not implemented yet: open exercises/09-locks/lost-update.ts and write it.');
  }
}
