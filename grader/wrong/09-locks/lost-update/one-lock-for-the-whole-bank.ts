// Wrong: one promise chain for the whole bank: no update is lost, but a deposit into one account waits for deposits into every other.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const run = this.#tail.then(async () => {
      const balance = await this.#ledger.read(account);
      await this.#ledger.write(account, balance + amount);
      return balance + amount;
    });
    this.#tail = run.catch(() => {});
    return run;
  }
}
