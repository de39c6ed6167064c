// Reference solution: gather without Promise.all

export interface GatherOptions {
  /** `true`: a failure takes the place of its result instead of rejecting the whole gather. */
  returnExceptions?: boolean;
}

/** What `gather(items)` resolves with: each item awaited, in the same position. */
export type Gathered<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** What `gather(items, { returnExceptions: true })` resolves with: each result, or the error in its place. */
export type GatheredWithExceptions<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> | unknown };

/**
 * Waits for every item and resolves with their results in argument order. Without
 * `returnExceptions`, rejects with the first error to happen, at the moment it happens; with it,
 * puts each error in its item's place and never rejects.
 */
export function gather<T extends readonly unknown[] | []>(items: T, options?: { returnExceptions?: false }): Promise<Gathered<T>>;
export function gather<T extends readonly unknown[] | []>(items: T, options: { returnExceptions: true }): Promise<GatheredWithExceptions<T>>;
export function gather(items: readonly unknown[], options?: GatherOptions): Promise<unknown[]>;
export function gather(items: readonly unknown[], options: GatherOptions = {}): Promise<unknown[]> {
  const returnExceptions = options.returnExceptions ?? false;
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) {
      resolve(results);
      return;
    }
    const settle = (index: number, outcome: unknown): void => {
      results[index] = outcome;
      remaining--;
      if (remaining === 0) resolve(results);
    };
    items.forEach((item, index) => {
      // Every item gets both callbacks at once: thenables start now, and every rejection is handled
      // (after the first one has rejected the gather, reject() is simply a no-op).
      Promise.resolve(item).then(
        (value) => settle(index, value),
        (error: unknown) => {
          if (returnExceptions) settle(index, error);
          else reject(error);
        },
      );
    });
  });
}
