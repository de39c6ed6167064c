// Wrong: validates chunkSize in a plain function before starting the async work, so a bad chunkSize throws synchronously instead of rejecting.
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted. */
  chunkSize?: number;
}

async function run<T, R>(items: readonly T[], fn: (item: T, index: number) => R, chunkSize: number): Promise<R[]> {
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

export function processInChunks<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: ChunkOptions = {},
): Promise<R[]> {
  const { chunkSize = 1000 } = options;
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return run(items, fn, chunkSize);
}
