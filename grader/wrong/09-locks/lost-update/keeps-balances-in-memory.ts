// Wrong: reads each account once and then keeps its balance in memory, so a change made to the ledger by someone else is overwritten.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #known = new Map<string, number>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails.get(account) ?? Promise.resolve();
    const run = previous.then(async () => {
      const balance = this.#known.has(account) ? this.#known.get(account)! : await this.#ledger.read(account);
      await this.#ledger.write(account, balance + amount);
      this.#known.set(account, balance + amount);
      return balance + amount;
    });
    this.#tails.set(account, run.catch(() => {}));
    return run;
  }
}
