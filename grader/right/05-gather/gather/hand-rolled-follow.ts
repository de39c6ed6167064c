// Right: follows each item by hand instead of through Promise.resolve: calls a thenable's then itself (once, inside a try, keeping only its first callback), follows a value that is itself a thenable in turn, and settles plain values in a microtask.
export interface GatherOptions {
  /** `true`: a failure takes the place of its result instead of rejecting the whole gather. */
  returnExceptions?: boolean;
}

/** What `gather(items)` resolves with: each item awaited, in the same position. */
export type Gathered<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** What `gather(items, { returnExceptions: true })` resolves with: each result, or the error in its place. */
export type GatheredWithExceptions<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> | unknown };

type Then = (onFulfilled: (value: unknown) => void, onRejected: (error: unknown) => void) => unknown;

/** Calls back once with the outcome of `value`, followed through any chain of thenables. */
function follow(value: unknown, onValue: (value: unknown) => void, onError: (error: unknown) => void): void {
  let then: unknown;
  try {
    then = (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as { then?: unknown }).then : undefined;
  } catch (error) {
    queueMicrotask(() => onError(error));
    return;
  }
  if (typeof then !== 'function') {
    queueMicrotask(() => onValue(value));
    return;
  }
  let called = false;
  try {
    (then as Then).call(
      value,
      (inner) => {
        if (called) return;
        called = true;
        follow(inner, onValue, onError);
      },
      (error) => {
        if (called) return;
        called = true;
        onError(error);
      },
    );
  } catch (error) {
    if (!called) {
      called = true;
      onError(error);
    }
  }
}

export function gather<T extends readonly unknown[] | []>(items: T, options?: { returnExceptions?: false }): Promise<Gathered<T>>;
export function gather<T extends readonly unknown[] | []>(items: T, options: { returnExceptions: true }): Promise<GatheredWithExceptions<T>>;
export function gather(items: readonly unknown[], options?: GatherOptions): Promise<unknown[]>;
export function gather(items: readonly unknown[], options: GatherOptions = {}): Promise<unknown[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    const count = items.length;
    const results: unknown[] = [];
    let settled = 0;
    if (count === 0) {
      resolve(results);
      return;
    }
    for (let index = 0; index < count; index++) {
      follow(
        items[index],
        (value) => {
          results[index] = value;
          if (++settled === count) resolve(results);
        },
        (error) => {
          if (!options.returnExceptions) {
            reject(error);
            return;
          }
          results[index] = error;
          if (++settled === count) resolve(results);
        },
      );
    }
  });
}
