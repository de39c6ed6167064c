// Reference solution: fix a lost update
//
// The bug of the program as first written: a deposit reads the balance, awaits, and writes back
// what it read plus its amount. Another deposit into the same account that runs during that await
// reads the same old balance, and whichever writes last wins: the other deposit is lost. The fix:
// from the read to the end of the write, a deposit holds a lock of its account. One lock per
// account, here a promise chain per account, so deposits into different accounts still run at the
// same time.

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
  readonly #ledger: Ledger;
  /** Per account, the end of its last deposit: the next deposit into it starts when that settles. */
  readonly #tails = new Map<string, Promise<void>>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails.get(account) ?? Promise.resolve();
    const update = previous.then(() => this.#update(account, amount));
    // The next deposit waits for this one whatever its outcome; the caller sees that outcome.
    const tail = update.then(
      () => {},
      () => {},
    );
    this.#tails.set(account, tail);
    void tail.then(() => {
      if (this.#tails.get(account) === tail) this.#tails.delete(account); // nobody queued behind it
    });
    return update;
  }

  /** The deposit as first written: correct once nothing else touches the account meanwhile. */
  async #update(account: string, amount: number): Promise<number> {
    const balance = await this.#ledger.read(account);
    const updated = balance + amount;
    await this.#ledger.write(account, updated);
    return updated;
  }
}
