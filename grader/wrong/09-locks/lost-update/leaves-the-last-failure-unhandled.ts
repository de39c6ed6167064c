// Wrong: keeps `run.then(() => {})` as the account's tail, a promise that rejects with the deposit's error and is only handled when a next deposit chains on it, so the last failure is an unhandled rejection.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;
  readonly #tails = new Map<string, Promise<void>>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    const previous = this.#tails.get(account);
    const update = async (): Promise<number> => {
      const balance = await this.#ledger.read(account);
      await this.#ledger.write(account, balance + amount);
      return balance + amount;
    };
    const run = previous ? previous.then(update, update) : update();
    this.#tails.set(
      account,
      run.then(() => {}),
    );
    return run;
  }
}
