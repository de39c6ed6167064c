// Wrong: to never throw synchronously it wraps the whole body in Promise.resolve().then(...), so the first chunk runs in a microtask after the call returns instead of during it.
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted. */
  chunkSize?: number;
}

export function processInChunks<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: ChunkOptions = {},
): Promise<R[]> {
  return Promise.resolve().then(async () => {
    const { chunkSize = 1000 } = options;
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
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
});
}
