// Wrong: truncates a fractional chunkSize (2.5 becomes 2) instead of rejecting it with a RangeError.
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
  const chunkSize = Math.trunc(options.chunkSize ?? 1000);
  if (!Number.isFinite(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${options.chunkSize}`);
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
