// Reference solution: a CPU-heavy loop that lets timers fire

/**
 * Resolves (with `undefined`) in a later turn of the event loop, from a `setImmediate` callback:
 * due timers, pending I/O and earlier immediates get their turn first.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted. */
  chunkSize?: number;
}

/**
 * Calls `fn(item, index)` on every item in chunks of `chunkSize` (default 1000), yielding to the
 * event loop between chunks, and resolves with the results in input order. The first chunk runs
 * during the call; a throw from `fn` rejects the promise and stops the work; a `chunkSize` that is
 * not a positive integer rejects with a RangeError.
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
