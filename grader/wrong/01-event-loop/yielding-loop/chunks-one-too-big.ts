// Wrong: an off-by-one in the chunk boundaries (`<=` instead of `<`) makes every chunk chunkSize + 1 items long.
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ChunkOptions {
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
  let index = 0;
  while (index < items.length) {
    if (index > 0) await yieldToEventLoop();
    const start = index;
    for (; index <= start + chunkSize && index < items.length; index++) {
      results.push(fn(items[index] as T, index));
    }
  }
  return results;
}
