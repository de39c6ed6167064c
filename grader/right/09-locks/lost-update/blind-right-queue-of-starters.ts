// Right: no promise chain; a Map from account to a FIFO array of "start" callbacks, where the presence of the key means "busy" and the key is deleted when the last deposit finishes.

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
  /** account -> the deposits waiting behind the one that runs (present only while one runs). */
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const start = (): void => {
        this.#ledger
          .read(account)
          .then((balance) => {
            const updated = balance + amount;
            return this.#ledger.write(account, updated).then(() => updated);
          })
          .then(
            (updated) => {
              this.#finish(account);
              resolve(updated);
            },
            (error: unknown) => {
              this.#finish(account);
              reject(error);
            },
          );
      };
      const line = this.#waiting.get(account);
      if (line === undefined) {
        this.#waiting.set(account, []);
        start();
      } else {
        line.push(start);
      }
    });
  }

  /** The deposit that ran on `account` is over: start the next one, or mark the account free. */
  #finish(account: string): void {
    const line = this.#waiting.get(account);
    const next = line?.shift();
    if (next === undefined) this.#waiting.delete(account);
    else next();
  }
}
