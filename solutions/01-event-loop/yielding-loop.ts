// Reference solution: a CPU-heavy loop that lets timers fire

/**
 * Resolves (with `undefined`) once the event loop has had a turn: in a later macrotask, never in a
 * microtask of the current one.
 *
 * - However many promise callbacks and `queueMicrotask` callbacks run meanwhile, the promise stays
 *   pending until the event loop moves on to another callback. `await Promise.resolve()` is not
 *   enough.
 * - Meanwhile other callbacks get their turn: after two `await yieldToEventLoop()` in a row, every
 *   timer that was already due and every `setImmediate` callback queued before the first one have
 *   run. (Which of them run before the first one resolves depends on the phase of the event loop
 *   you call it from.)
 * - Use `setImmediate`: it has no minimum delay. `setTimeout(resolve, 0)` also works, but it waits
 *   at least 1 ms each time.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted or undefined. */
  chunkSize?: number;
}

/**
 * Calls `fn(items[index], index)` once for each index from 0 to `items.length − 1`, in order (a
 * hole in a sparse array is passed as `undefined`), and resolves with the results in input order.
 *
 * The items are processed in chunks of `chunkSize` (default 1000): items 0 to chunkSize − 1 form
 * the first chunk, the next chunkSize items the second, and so on. Each chunk runs synchronously,
 * and between two chunks the function awaits `yieldToEventLoop()`, so that timers and I/O can run.
 *
 * - The first chunk runs during the call, before `processInChunks` returns (like any async
 *   function, it starts at once). There is no yield before the first chunk and none after the
 *   last: once the last item is processed, the promise resolves without waiting for the event
 *   loop (so when all the items fit in one chunk, it never waits for the event loop at all).
 * - `fn` is synchronous work: it is called once per item and its return value is stored as is (a
 *   promise returned by `fn` is neither awaited nor unwrapped: that promise is the result).
 * - Empty `items`: resolves to `[]` without calling `fn` (if `chunkSize` is valid: see below).
 * - If `fn` throws, the promise rejects with the very value thrown (an `Error` or anything else: a
 *   string, `undefined`), and no further item is processed.
 * - If `options.chunkSize` is given and is not a positive integer (0, −1, 2.5, NaN, Infinity), the
 *   promise rejects with a `RangeError` whose message names `chunkSize`, and `fn` is never called;
 *   this holds for empty `items` too. `chunkSize: undefined` counts as omitted.
 * - It never throws synchronously: every error becomes a rejection of the returned promise.
 */
export async function processInChunks<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: ChunkOptions = {},
): Promise<R[]> {
  const { chunkSize = 1000 } = options;
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(start + chunkSize, items.length);
    for (let index = start; index < end; index++) {
      results.push(fn(items[index] as T, index));
    }
  }
  return results;
}
