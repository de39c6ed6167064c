// Wrong: it probes every item with item.then, so a null or undefined plain value makes the gather reject with a TypeError instead of counting as fulfilled with itself.
export interface GatherOptions {
  /** `true`: a failure takes the place of its result instead of rejecting the whole gather. */
  returnExceptions?: boolean;
}

/** What `gather(items)` resolves with: each item awaited, in the same position. */
export type Gathered<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** What `gather(items, { returnExceptions: true })` resolves with: each result, or the error in its place. */
export type GatheredWithExceptions<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> | unknown };

type Thenable = { then: (onFulfilled: (value: unknown) => void, onRejected: (error: unknown) => void) => unknown };

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
    const fill = (index: number, value: unknown) => {
      results[index] = value;
      remaining -= 1;
      if (remaining === 0) resolve(results);
    };
    list.forEach((item, index) => {
      const isThenable = typeof (item as Thenable).then === 'function';
      const promise = isThenable ? Promise.resolve(item) : Promise.resolve({ plain: item }).then((box) => box.plain);
      promise.then(
        (value: unknown) => fill(index, value),
        (error: unknown) => {
          if (options.returnExceptions) fill(index, error);
          else reject(error);
        },
      );
    });
  });
}
