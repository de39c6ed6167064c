// Right: one loop over the items with a counter of items since the last yield, yielding just before the item that starts a new chunk.
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted. */
  chunkSize?: number;
}

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
  let sinceYield = 0;
  for (let index = 0; index < items.length; index++) {
    if (sinceYield === chunkSize) {
      await yieldToEventLoop();
      sinceYield = 0;
    }
    results.push(fn(items[index] as T, index));
    sinceYield++;
  }
  return results;
}
