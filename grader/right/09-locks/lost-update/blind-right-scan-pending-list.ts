// Right: one flat list of unfinished deposits for the whole bank; a new deposit scans it backwards for the last unfinished deposit into the same account and starts when that one's "done" promise settles, then removes itself from the list.

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

interface Pending {
  account: string;
  /** Resolves (never rejects) once this deposit has finished, either way. */
  done: Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;
  readonly #pending: Pending[] = [];

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    let before: Pending | undefined;
    for (let i = this.#pending.length - 1; i >= 0; i--) {
      if (this.#pending[i]!.account === account) {
        before = this.#pending[i];
        break;
      }
    }
    const run = async (): Promise<number> => {
      if (before !== undefined) await before.done;
      const balance = await this.#ledger.read(account);
      await this.#ledger.write(account, balance + amount);
      return balance + amount;
    };
    const result = run();
    const me: Pending = {
      account,
      done: result.then(
        () => this.#remove(me),
        () => this.#remove(me),
      ),
    };
    this.#pending.push(me);
    return result;
  }

  #remove(entry: Pending): void {
    const index = this.#pending.indexOf(entry);
    if (index !== -1) this.#pending.splice(index, 1);
  }
}
