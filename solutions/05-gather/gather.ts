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
 * Runs `items` together and resolves with their results in argument order: asyncio's
 * `await asyncio.gather(*items, return_exceptions=...)`.
 *
 * The rule of this exercise: do not call `Promise.all`, `Promise.allSettled`, `Promise.any` or
 * `Promise.race` (a hidden test checks). `Promise.resolve` and `then` are fine.
 *
 * - Each item may be a promise, any other thenable (an object with a `then` method, such as the
 *   `lazy` of lesson 02) or a plain value, which counts as already fulfilled with itself (`null`,
 *   `undefined`, `0` and an object whose `then` is not a function are plain values too). A hole in
 *   a sparse array counts as `undefined`, as in `Promise.all`.
 * - Each item is followed exactly as `await item` would follow it: a thenable's `then` is called
 *   exactly once; only the first call it makes to its callbacks counts; a `then` that throws
 *   counts as a rejection with what it threw; a value that is itself a promise or thenable is
 *   followed in turn. `Promise.resolve(item).then(…)` does all of this for you.
 * - Everything runs together: `gather` subscribes to every item at once, with
 *   `Promise.resolve(item).then(…)`, before any of them has settled. A thenable that starts its
 *   work when its `then` is called therefore starts right away, and the whole takes as long as the
 *   slowest item, not the sum.
 * - Resolves when the last item has fulfilled, with a new array (the `items` array is left as it
 *   is) that holds each item's value in that item's position, whatever order they finished in.
 *   Values such as `undefined`, `null`, `0` or `''` are results like any other. The same promise
 *   passed twice fills both places. An empty array resolves to `[]` at once, and so do items that
 *   are all ready (settled promises, plain values): without waiting for any timer. `gather` starts
 *   no timer of its own, not even one it clears right away.
 * - Without `returnExceptions` (the default), as soon as one item rejects, the returned promise
 *   rejects with that same error (the very value, not a copy or a wrapper, even `undefined`), at
 *   that moment, without waiting for the others. The first error in time wins, not the first
 *   failing argument, even when two items reject in the same tick. Like asyncio's gather, it does
 *   not stop the others (a promise cannot be stopped): they run to the end and their results are
 *   dropped. Their later rejections are handled by `gather`: none of them is ever reported as an
 *   unhandled rejection.
 * - With `returnExceptions: true`, it never rejects: it waits for every item, and the array holds
 *   the error of each item that rejected (whatever it is, `undefined` too), in that item's place.
 * - It always returns a `Promise`, and never throws, not even when a thenable's `then` throws.
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
    // A for loop, not forEach: forEach skips the holes of a sparse array, whose count would then
    // never reach 0.
    for (let index = 0; index < items.length; index++) {
      // Every item gets both callbacks at once: thenables start now, and every rejection is handled
      // (after the first one has rejected the gather, reject() is simply a no-op).
      Promise.resolve(items[index]).then(
        (value) => settle(index, value),
        (error: unknown) => {
          if (returnExceptions) settle(index, error);
          else reject(error);
        },
      );
    }
  });
}
