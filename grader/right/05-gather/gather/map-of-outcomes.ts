// Right: a Map of outcomes keyed by index, whose size says when everything has settled, and a settled flag; the array is built at the end.
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
  const keepErrors = Boolean(options?.returnExceptions);
  return new Promise<unknown[]>((resolve, reject) => {
    const list = Array.from(items);
    const outcomes = new Map<number, unknown>();
    let settled = false;

    const complete = () => {
      if (settled || outcomes.size !== list.length) return;
      settled = true;
      const values: unknown[] = [];
      for (let index = 0; index < list.length; index++) values.push(outcomes.get(index));
      resolve(values);
    };

    list.forEach((item, index) => {
      Promise.resolve(item).then(
        (value) => {
          outcomes.set(index, value);
          complete();
        },
        (error: unknown) => {
          if (keepErrors) {
            outcomes.set(index, error);
            complete();
          } else if (!settled) {
            settled = true;
            reject(error);
          }
        },
      );
    });
    complete();
  });
}
