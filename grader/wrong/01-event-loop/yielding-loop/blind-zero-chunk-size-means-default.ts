// Wrong: reads the option with `||`, so chunkSize 0 silently becomes the default 1000 instead of rejecting with a RangeError.
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
  const chunkSize = options.chunkSize || 1000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) {
      results.push(fn(items[i] as T, i));
    }
  }
  return results;
}
