// Wrong: A rejected write is caught so that it cannot block the next deposit, and the deposit then resolves with balance + amount instead of rejecting with the write's error.

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
      // A failed write must not block the deposits behind this one.
      await this.#ledger.write(account, updated).catch(() => {});
      return updated;
    });
    // The next deposit waits for this one, however it ends.
    const tail = result.catch(() => {});
    this.#tails.set(account, tail);
    // Nobody behind it: forget the account, so the map does not grow for ever.
    void tail.then(() => {
      if (this.#tails.get(account) === tail) this.#tails.delete(account);
    });
    return result;
  }
}
