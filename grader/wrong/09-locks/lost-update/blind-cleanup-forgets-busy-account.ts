// Wrong: Each finished deposit deletes its account from the map unconditionally, even while a later deposit into it is still running, so a deposit made then starts at once and overlaps the running one.

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
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails.get(account) ?? Promise.resolve();
    const result = previous.then(async () => {
      const balance = await this.#ledger.read(account);
      const updated = balance + amount;
      await this.#ledger.write(account, updated);
      return updated;
    });
    // The next deposit waits for this one, however it ends.
    const tail = result.catch(() => {});
    this.#tails.set(account, tail);
    // Nobody behind it: forget the account, so the map does not grow for ever.
    void tail.then(() => this.#tails.delete(account));
    return result;
  }
}
