// Right: a small class holds the slots, the count of settled items and the outcome, and each item's async callback reports to it.
export interface GatherOptions {
  /** `true`: a failure takes the place of its result instead of rejecting the whole gather. */
  returnExceptions?: boolean;
}

/** What `gather(items)` resolves with: each item awaited, in the same position. */
export type Gathered<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** What `gather(items, { returnExceptions: true })` resolves with: each result, or the error in its place. */
export type GatheredWithExceptions<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> | unknown };

class Gatherer {
  readonly promise: Promise<unknown[]>;
  private readonly slots: unknown[];
  private settledCount = 0;
  private finished = false;
  private resolveAll!: (values: unknown[]) => void;
  private rejectAll!: (reason: unknown) => void;

  private readonly size: number;
  private readonly keepErrors: boolean;

  constructor(size: number, keepErrors: boolean) {
    this.size = size;
    this.keepErrors = keepErrors;
    this.slots = Array.from({ length: size }, () => undefined);
    this.promise = new Promise<unknown[]>((resolve, reject) => {
      this.resolveAll = resolve;
      this.rejectAll = reject;
    });
    if (size === 0) this.finish();
  }

  fulfilled(index: number, value: unknown): void {
    this.slots[index] = value;
    this.count();
  }

  rejected(index: number, error: unknown): void {
    if (!this.keepErrors) {
      if (!this.finished) {
        this.finished = true;
        this.rejectAll(error);
      }
      return;
    }
    this.slots[index] = error;
    this.count();
  }

  private count(): void {
    this.settledCount += 1;
    if (this.settledCount === this.size) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveAll(this.slots);
  }
}

async function follow(gatherer: Gatherer, index: number, item: unknown): Promise<void> {
  let value: unknown;
  try {
    value = await item;
  } catch (error: unknown) {
    gatherer.rejected(index, error);
    return;
  }
  gatherer.fulfilled(index, value);
}

export function gather<T extends readonly unknown[] | []>(items: T, options?: { returnExceptions?: false }): Promise<Gathered<T>>;
export function gather<T extends readonly unknown[] | []>(items: T, options: { returnExceptions: true }): Promise<GatheredWithExceptions<T>>;
export function gather(items: readonly unknown[], options?: GatherOptions): Promise<unknown[]>;
export function gather(items: readonly unknown[], options: GatherOptions = {}): Promise<unknown[]> {
  try {
    const list = Array.from(items);
    const gatherer = new Gatherer(list.length, options?.returnExceptions === true);
    list.forEach((item, index) => {
      void follow(gatherer, index, item);
    });
    return gatherer.promise;
  } catch (error: unknown) {
    return Promise.reject(error);
  }
}
