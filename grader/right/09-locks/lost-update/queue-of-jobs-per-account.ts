// Right: an explicit queue of waiting jobs per account and a loop that drains it, without promise chaining between deposits.
export interface Ledger {
  read(account: string): Promise<number>;
  write(account: string, balance: number): Promise<void>;
}

interface Job {
  readonly amount: number;
  resolve(value: number): void;
  reject(error: unknown): void;
}

export class Bank {
  readonly #ledger: Ledger;
  /** Accounts with a deposit in progress, and the deposits waiting behind it. */
  readonly #queues = new Map<string, Job[]>();

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  deposit(account: string, amount: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const queue = this.#queues.get(account);
      const job = { amount, resolve, reject };
      if (queue) {
        queue.push(job);
        return;
      }
      this.#queues.set(account, [job]);
      void this.#drain(account);
    });
  }

  async #drain(account: string): Promise<void> {
    const queue = this.#queues.get(account)!;
    while (queue.length > 0) {
      const job = queue[0]!;
      try {
        const balance = await this.#ledger.read(account);
        await this.#ledger.write(account, balance + job.amount);
        job.resolve(balance + job.amount);
      } catch (error) {
        job.reject(error);
      }
      queue.shift();
    }
    this.#queues.delete(account);
  }
}
