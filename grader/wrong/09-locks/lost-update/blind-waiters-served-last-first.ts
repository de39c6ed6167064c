// Wrong: The per-account lock wakes its waiters with waiting.pop(), so with three or more deposits into one account the later ones run before the earlier ones instead of in the order of the deposit calls.

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

/** A per-account lock: `busy` while a deposit runs, with the deposits waiting for their turn. */
interface AccountLock {
  busy: boolean;
  waiting: (() => void)[];
}

export class Bank {
  readonly #ledger: Ledger;
  readonly #locks = new Map<string, AccountLock>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  #lockOf(account: string): AccountLock {
    let lock = this.#locks.get(account);
    if (lock === undefined) {
      lock = { busy: false, waiting: [] };
      this.#locks.set(account, lock);
    }
    return lock;
  }

  #take(lock: AccountLock): Promise<void> {
    if (!lock.busy) {
      lock.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => lock.waiting.push(resolve));
  }

  #give(account: string, lock: AccountLock): void {
    const next = lock.waiting.pop();
    if (next !== undefined) {
      next(); // still busy: handed straight to the next deposit
    } else {
      lock.busy = false;
      this.#locks.delete(account);
    }
  }

  async deposit(account: string, amount: number): Promise<number> {
    const lock = this.#lockOf(account);
    await this.#take(lock);
    try {
      const balance = await this.#ledger.read(account);
      const updated = balance + amount;
      await this.#ledger.write(account, updated);
      return updated;
    } finally {
      this.#give(account, lock);
    }
  }
}
