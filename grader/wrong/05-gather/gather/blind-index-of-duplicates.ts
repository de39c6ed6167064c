// Wrong: each result is placed at items.indexOf(item), so a promise or value passed twice fills only its first place and leaves a hole.
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
    const results: unknown[] = new Array(list.length);
    let remaining = list.length;
    if (remaining === 0) {
      resolve(results);
      return;
    }
    for (const item of list) {
      const store = (value: unknown) => {
        results[list.indexOf(item)] = value;
        remaining -= 1;
        if (remaining === 0) resolve(results);
      };
      Promise.resolve(item).then(store, (error: unknown) => {
        if (options.returnExceptions) store(error);
        else reject(error);
      });
    }
  });
}
