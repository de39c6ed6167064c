// Wrong: yields after every item count that is a multiple of chunkSize, so when the length is an exact multiple (including one full chunk) it also yields after the last chunk.
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
  for (let i = 0; i < items.length; i++) {
    results.push(fn(items[i] as T, i));
    if ((i + 1) % chunkSize === 0) await yieldToEventLoop();
  }
  return results;
}
