// Right: no async/await; a Promise executor runs the first chunk and each later chunk is chained with .then on yieldToEventLoop(), recursively.
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    setImmediate(() => resolve());
  });
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
  return new Promise<R[]>((resolve, reject) => {
    const size = options.chunkSize === undefined ? 1000 : options.chunkSize;
    if (!Number.isInteger(size) || size < 1) {
      reject(new RangeError('chunkSize must be a positive integer'));
      return;
    }
    const results = new Array<R>(items.length);

    const runChunk = (start: number): void => {
      const end = Math.min(start + size, items.length);
      try {
        for (let i = start; i < end; i++) results[i] = fn(items[i] as T, i);
      } catch (error) {
        reject(error);
        return;
      }
      if (end >= items.length) {
        resolve(results);
        return;
      }
      yieldToEventLoop().then(() => runChunk(end), reject);
    };

    runChunk(0);
  });
}
