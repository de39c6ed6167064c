// Wrong: drops an account's chain as soon as any deposit into it ends, even when others are queued behind it, so a newcomer can overlap the deposit still running.
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
    const previous = this.#tails.get(account) ?? Promise.resolve();
    const run = previous.then(async () => {
      try {
        const balance = await this.#ledger.read(account);
        await this.#ledger.write(account, balance + amount);
        return balance + amount;
      } finally {
        this.#tails.delete(account);
      }
    });
    this.#tails.set(account, run.then(() => {}, () => {}));
    return run;
  }
}
