// Wrong: keeps each account's chain in a plain object, so an account named `constructor` or `toString` finds a function of Object.prototype there instead of a promise.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;
  readonly #tails: Record<string, Promise<void>> = {};

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails[account] ?? Promise.resolve();
    const run = previous.then(async () => {
      const balance = await this.#ledger.read(account);
      await this.#ledger.write(account, balance + amount);
      return balance + amount;
    });
    this.#tails[account] = run.then(
      () => {},
      () => {},
    );
    return run;
  }
}
