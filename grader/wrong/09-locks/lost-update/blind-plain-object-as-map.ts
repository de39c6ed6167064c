// Wrong: The per-account promises live in a plain object, so accounts such as "constructor", "toString" or "__proto__" find Object.prototype members instead of nothing (a synchronous TypeError), while any string must be an account.

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

export class Bank {
  readonly #ledger: Ledger;
  /** account -> the promise of its last deposit (never rejects): the next deposit waits for it. */
  readonly #tails: Record<string, Promise<unknown>> = {};

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails[account] ?? Promise.resolve();
    const result = previous.then(async () => {
      const balance = await this.#ledger.read(account);
      const updated = balance + amount;
      await this.#ledger.write(account, updated);
      return updated;
    });
    // The next deposit waits for this one, however it ends.
    const tail = result.catch(() => {});
    this.#tails[account] = tail;
    // Nobody behind it: forget the account, so the object does not grow for ever.
    void tail.then(() => {
      if (this.#tails[account] === tail) delete this.#tails[account];
    });
    return result;
  }
}
