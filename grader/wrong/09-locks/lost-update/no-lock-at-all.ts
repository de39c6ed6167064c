// Wrong: the program as first written: read, await, write, with nothing to stop two deposits into one account from overlapping.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

export class Bank {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async deposit(account: string, amount: number): Promise<number> {
    const balance = await this.#ledger.read(account);
    await this.#ledger.write(account, balance + amount);
    return balance + amount;
  }
}
