// Right: a Collector class that counts down the pending calls and keeps a per-index `failed` flag next to the values and reasons.
class Collector<T> {
  readonly promise: Promise<T[]>;
  #resolve!: (values: T[]) => void;
  #reject!: (reason: unknown) => void;
  readonly #values: T[];
  readonly #reasons: unknown[];
  readonly #failed: boolean[];
  #pending: number;

  constructor(size: number) {
    this.promise = new Promise<T[]>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#values = new Array<T>(size);
    this.#reasons = new Array<unknown>(size);
    this.#failed = new Array<boolean>(size).fill(false);
    this.#pending = size;
    if (size === 0) this.#resolve([]);
  }

  fulfilled(index: number, value: T): void {
    this.#values[index] = value;
    this.#settled();
  }

  rejected(index: number, reason: unknown): void {
    this.#failed[index] = true;
    this.#reasons[index] = reason;
    this.#settled();
  }

  #settled(): void {
    this.#pending -= 1;
    if (this.#pending > 0) return;
    const errors: unknown[] = [];
    for (let i = 0; i < this.#failed.length; i++) {
      if (this.#failed[i]) errors.push(this.#reasons[i]);
    }
    if (errors.length === 0) this.#resolve(this.#values);
    else this.#reject(new AggregateError(errors, `${errors.length} of ${this.#failed.length} functions failed`));
  }
}

export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const collector = new Collector<T>(fns.length);
  fns.forEach((fn, index) => {
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(fn());
    } catch (error: unknown) {
      collector.rejected(index, error);
      return;
    }
    promise.then(
      (value) => collector.fulfilled(index, value),
      (reason: unknown) => collector.rejected(index, reason),
    );
  });
  return collector.promise;
}
