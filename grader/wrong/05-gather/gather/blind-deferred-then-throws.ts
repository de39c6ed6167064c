// Wrong: it calls each thenable's then itself, outside the Promise executor, so a thenable whose then throws makes gather throw synchronously instead of returning a rejected promise.
export interface GatherOptions {
  /** `true`: a failure takes the place of its result instead of rejecting the whole gather. */
  returnExceptions?: boolean;
}

/** What `gather(items)` resolves with: each item awaited, in the same position. */
export type Gathered<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** What `gather(items, { returnExceptions: true })` resolves with: each result, or the error in its place. */
export type GatheredWithExceptions<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> | unknown };

type Thenable = { then: (onFulfilled: (value: unknown) => void, onRejected: (error: unknown) => void) => unknown };

const isThenable = (value: unknown): value is Thenable =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as Thenable).then === 'function';

export function gather<T extends readonly unknown[] | []>(items: T, options?: { returnExceptions?: false }): Promise<Gathered<T>>;
export function gather<T extends readonly unknown[] | []>(items: T, options: { returnExceptions: true }): Promise<GatheredWithExceptions<T>>;
export function gather(items: readonly unknown[], options?: GatherOptions): Promise<unknown[]>;
export function gather(items: readonly unknown[], options: GatherOptions = {}): Promise<unknown[]> {
  let resolve!: (values: unknown[]) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<unknown[]>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  const list = Array.from(items);
  const results: unknown[] = new Array(list.length);
  let remaining = list.length;
  let settled = false;
  if (remaining === 0) {
    resolve(results);
    return promise;
  }

  const fulfil = (index: number, value: unknown) => {
    results[index] = value;
    remaining -= 1;
    if (remaining === 0) resolve(results);
  };
  const fail = (index: number, error: unknown) => {
    if (options.returnExceptions) {
      fulfil(index, error);
    } else if (!settled) {
      settled = true;
      reject(error);
    }
  };

  list.forEach((item, index) => {
    if (!isThenable(item)) {
      queueMicrotask(() => fulfil(index, item));
      return;
    }
    let called = false;
    item.then(
      (value) => {
        if (called) return;
        called = true;
        Promise.resolve(value).then(
          (inner) => fulfil(index, inner),
          (error: unknown) => fail(index, error),
        );
      },
      (error) => {
        if (called) return;
        called = true;
        fail(index, error);
      },
    );
  });
  return promise;
}
