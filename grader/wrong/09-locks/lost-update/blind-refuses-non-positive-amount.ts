// Wrong: A deposit of 0, a negative or a non-finite amount is refused (rejects with a RangeError, calls no read), while deposit must call read then write(balance + amount) for any amount.

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
    if (!Number.isFinite(amount) || amount <= 0) {
      return Promise.reject(new RangeError(`cannot deposit ${amount}: the amount must be a positive number`));
    }
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
    void tail.then(() => {
      if (this.#tails.get(account) === tail) this.#tails.delete(account);
    });
    return result;
  }
}
