// Right: an async producer loop and async worker loops around a small bounded channel, as asyncio's producer/consumer tasks would be
export interface PipelineOptions {
  maxsize: number;
  workers?: number;
}

class Channel<T> {
  readonly #items: T[] = [];
  readonly #takers: ((entry: { item: T } | null) => void)[] = [];
  #room: (() => void) | null = null;
  #closed = false;
  readonly maxsize: number;

  constructor(maxsize: number) {
    this.maxsize = maxsize;
  }

  /** Resolves once the buffer holds fewer than maxsize items. */
  room(): Promise<void> {
    if (this.#items.length < this.maxsize) return Promise.resolve();
    return new Promise((resolve) => (this.#room = resolve));
  }

  push(item: T): void {
    const taker = this.#takers.shift();
    if (taker) taker({ item });
    else this.#items.push(item);
  }

  take(): Promise<{ item: T } | null> {
    if (this.#items.length > 0) {
      const item = this.#items.shift() as T;
      const room = this.#room;
      this.#room = null;
      room?.();
      return Promise.resolve({ item });
    }
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => this.#takers.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const taker of this.#takers.splice(0)) taker(null);
  }
}

export async function pipeline<T, R>(source: Iterable<T> | AsyncIterable<T>, fn: (item: T, index: number) => R | PromiseLike<R>, options: PipelineOptions): Promise<R[]> {
  const { maxsize, workers = 1 } = options;
  if (!Number.isInteger(maxsize) || maxsize < 1) throw new RangeError(`maxsize: ${maxsize}`);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: ${workers}`);
  const iterator = Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  const channel = new Channel<{ item: T; index: number }>(maxsize);
  const results: R[] = [];
  let failure: { error: unknown } | null = null;
  let finished = false; // the source said done, or its next() failed
  let idle = workers;

  return new Promise<R[]>((resolve, reject) => {
    const fail = (error: unknown): void => {
      if (failure) return;
      failure = { error };
      channel.close();
      if (!finished) {
        finished = true;
        try {
          Promise.resolve(iterator.return?.()).catch(() => {});
        } catch {
          // ignored
        }
      }
      reject(error);
    };

    const produce = async (): Promise<void> => {
      for (let index = 0; ; index++) {
        // Wait for room, counting the item a free worker takes at once as not buffered.
        if (idle === 0) await channel.room();
        if (failure) return;
        let step: IteratorResult<T>;
        try {
          step = await iterator.next();
        } catch (error) {
          finished = true;
          fail(error);
          return;
        }
        if (failure) return;
        if (step.done) {
          finished = true;
          channel.close();
          return;
        }
        channel.push({ item: step.value, index });
      }
    };

    const work = async (): Promise<void> => {
      for (;;) {
        const entry = await channel.take();
        if (!entry || failure) return;
        idle--;
        try {
          results[entry.item.index] = await fn(entry.item.item, entry.item.index);
        } catch (error) {
          fail(error);
          return;
        } finally {
          idle++;
        }
        if (failure) return;
      }
    };

    void Promise.all([produce(), ...Array.from({ length: workers }, work)]).then(() => {
      if (!failure) resolve(results);
    });
  });
}
