// Wrong: locks the account around the write only, so two deposits still read the same old balance.
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

  async deposit(account: string, amount: number): Promise<number> {
    const balance = await this.#ledger.read(account);
    const previous = this.#tails.get(account) ?? Promise.resolve();
    const write = previous.then(() => this.#ledger.write(account, balance + amount));
    this.#tails.set(account, write.catch(() => {}));
    await write;
    return balance + amount;
  }
}
