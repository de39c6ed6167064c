// Wrong: rejects a failed deposit with an Error of its own, the ledger's error only as its cause.
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
      } catch (error) {
        throw new Error(`deposit into ${account} failed`, { cause: error });
      }
    });
    this.#tails.set(
      account,
      run.then(
        () => {},
        () => {},
      ),
    );
    return run;
  }
}
