// Wrong: The promise kept for the next deposit is result.finally(...), which rejects when the deposit fails: when no deposit comes after a failed one, that rejection is left unhandled.

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
  /** account -> the promise of its last deposit: the next deposit waits for it. */
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails.get(account) ?? Promise.resolve();
    // then(run, run): the next deposit runs whether this one succeeded or failed.
    const run = async (): Promise<number> => {
      const balance = await this.#ledger.read(account);
      const updated = balance + amount;
      await this.#ledger.write(account, updated);
      return updated;
    };
    const result = previous.then(run, run);
    // Nobody behind it: forget the account, so the map does not grow for ever.
    const tail: Promise<unknown> = result.finally(() => {
      if (this.#tails.get(account) === tail) this.#tails.delete(account);
    });
    this.#tails.set(account, tail);
    return result;
  }
}
