// Right: yields with setTimeout(resolve, 0) instead of setImmediate, and walks each chunk with for…of over a slice (holes come out as undefined).
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });
}

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted or undefined. */
  chunkSize?: number;
}

const DEFAULT_CHUNK_SIZE = 1000;

export async function processInChunks<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: ChunkOptions = {},
): Promise<R[]> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (typeof chunkSize !== 'number' || !Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`processInChunks: chunkSize must be a positive integer (got ${chunkSize})`);
  }
  const results: R[] = [];
  let index = 0;
  while (index < items.length) {
    if (index > 0) await yieldToEventLoop();
    for (const item of items.slice(index, index + chunkSize)) {
      results.push(fn(item as T, index));
      index++;
    }
  }
  return results;
}
