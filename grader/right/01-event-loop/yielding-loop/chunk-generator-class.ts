// Right: a class that slices the index range into chunks with a generator and awaits a yield between chunks inside an async method.
export const yieldToEventLoop = (): Promise<void> =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

export interface ChunkOptions {
  /** How many items to process between two yields: a positive integer, 1000 when omitted. */
  chunkSize?: number;
}

class ChunkedRun<T, R> {
  readonly results: R[] = [];
  private readonly items: readonly T[];
  private readonly fn: (item: T, index: number) => R;
  private readonly size: number;

  constructor(items: readonly T[], fn: (item: T, index: number) => R, size: number) {
    this.items = items;
    this.fn = fn;
    this.size = size;
  }

  *ranges(): Generator<[number, number]> {
    for (let start = 0; start < this.items.length; start += this.size) {
      yield [start, Math.min(start + this.size, this.items.length)];
    }
  }

  runRange(start: number, end: number): void {
    for (let i = start; i < end; i++) this.results.push(this.fn(this.items[i] as T, i));
  }

  async run(): Promise<R[]> {
    let first = true;
    for (const [start, end] of this.ranges()) {
      if (!first) await yieldToEventLoop();
      first = false;
      this.runRange(start, end);
    }
    return this.results;
  }
}

function checkChunkSize(value: number | undefined): number {
  if (value === undefined) return 1000;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`chunkSize must be a positive integer (got ${String(value)})`);
  }
  return value;
}

export async function processInChunks<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: ChunkOptions = {},
): Promise<R[]> {
  const size = checkChunkSize(options.chunkSize);
  return new ChunkedRun(items, fn, size).run();
}
