// Wrong: each deposit chains on the previous one with a plain then, so one failure makes every later deposit into that account fail with the same error.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails.get(account) ?? Promise.resolve();
    const run = previous.then(async () => {
      const balance = await this.#ledger.read(account);
      await this.#ledger.write(account, balance + amount);
      return balance + amount;
    });
    this.#tails.set(account, run);
    run.catch(() => {});
    return run;
  }
}
