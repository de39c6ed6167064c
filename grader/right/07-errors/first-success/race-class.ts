// Right: a Race class whose private async method awaits each attempt in a try/catch and reports a win or a loss to the instance.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

class Race<T> {
  readonly promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  readonly #controllers: AbortController[] = [];
  readonly #errors: unknown[] = [];
  #stillRunning: number;
  #over = false;

  constructor(fns: readonly Attempt<T>[]) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#stillRunning = fns.length;
    for (let i = 0; i < fns.length; i++) this.#controllers.push(new AbortController());
    if (fns.length === 0) {
      this.#over = true;
      this.#reject(new AggregateError([], 'there was nothing to try'));
      return;
    }
    for (let i = 0; i < fns.length; i++) void this.#run(i, fns[i]!);
  }

  async #run(index: number, fn: Attempt<T>): Promise<void> {
    let value: T;
    try {
      value = await fn(this.#controllers[index]!.signal);
    } catch (error: unknown) {
      this.#lose(index, error);
      return;
    }
    this.#win(index, value);
  }

  #win(index: number, value: T): void {
    if (this.#over) return;
    this.#over = true;
    this.#resolve(value);
    for (let i = 0; i < this.#controllers.length; i++) {
      if (i !== index) this.#controllers[i]!.abort();
    }
  }

  #lose(index: number, error: unknown): void {
    if (this.#over) return;
    this.#errors[index] = error;
    this.#stillRunning -= 1;
    if (this.#stillRunning === 0) {
      this.#over = true;
      this.#reject(new AggregateError(this.#errors, `all ${this.#errors.length} attempts failed`));
    }
  }
}

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  return new Race(fns).promise;
}
