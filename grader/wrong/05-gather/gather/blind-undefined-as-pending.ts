// Wrong: it uses undefined to mean "no result yet", so an item that fulfils with undefined (or rejects with undefined in returnExceptions mode) means it never resolves.
export interface GatherOptions {
  /** `true`: a failure takes the place of its result instead of rejecting the whole gather. */
  returnExceptions?: boolean;
}

/** What `gather(items)` resolves with: each item awaited, in the same position. */
export type Gathered<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** What `gather(items, { returnExceptions: true })` resolves with: each result, or the error in its place. */
export type GatheredWithExceptions<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> | unknown };

export function gather<T extends readonly unknown[] | []>(items: T, options?: { returnExceptions?: false }): Promise<Gathered<T>>;
export function gather<T extends readonly unknown[] | []>(items: T, options: { returnExceptions: true }): Promise<GatheredWithExceptions<T>>;
export function gather(items: readonly unknown[], options?: GatherOptions): Promise<unknown[]>;
export function gather(items: readonly unknown[], options: GatherOptions = {}): Promise<unknown[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    const list = Array.from(items);
    const results: unknown[] = new Array(list.length).fill(undefined);
    const checkDone = () => {
      if (!results.includes(undefined)) resolve(results);
    };
    list.forEach((item, index) => {
      Promise.resolve(item).then(
        (value) => {
          results[index] = value;
          checkDone();
        },
        (error: unknown) => {
          if (options.returnExceptions) {
            results[index] = error;
            checkDone();
          } else {
            reject(error);
          }
        },
      );
    });
    checkDone();
  });
}
