// Wrong: "yields" with `await Promise.resolve()`, which only lets other microtasks run: timers and I/O still wait for the whole job.
export function yieldToEventLoop(): Promise<void> {
  return Promise.resolve();
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
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(start + chunkSize, items.length);
    for (let index = start; index < end; index++) {
      results.push(fn(items[index] as T, index));
    }
  }
  return results;
}
