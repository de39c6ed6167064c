// Wrong: maps each slice with fn directly, so fn receives the index within the chunk (and the chunk as a third argument) instead of the index in items.
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
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    results.push(...items.slice(start, start + chunkSize).map(fn));
  }
  return results;
}
