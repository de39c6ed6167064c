// Right: waiting lines kept in Sets (insertion order, O(1) removal), join as one shared promise, and `for await` as an async generator
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}
export class QueueFull extends Error {
  override name = 'QueueFull';
}
export class QueueShutDown extends Error {
  override name = 'QueueShutDown';
}
export interface WaitOptions {
  signal?: AbortSignal;
}

type Waiter<T> = { resolve: (value: T) => void; reject: (error: unknown) => void; cleanup: () => void };

export class Queue<T> implements AsyncIterable<T> {
  readonly maxsize: number;
  private readonly items: T[] = [];
  private readonly getters = new Set<Waiter<T>>();
  private readonly putters = new Map<Waiter<void>, T>();
  private pending = 0;
  private done: { promise: Promise<void>; resolve: () => void } | null = null;
  private closed = false;

  constructor(maxsize = 0) {
    if (!(Number.isSafeInteger(maxsize) && maxsize >= 0)) throw new RangeError('bad maxsize');
    this.maxsize = maxsize;
  }

  size(): number {
    return this.items.length;
  }
  empty(): boolean {
    return this.size() === 0;
  }
  full(): boolean {
    return this.maxsize !== 0 && this.size() >= this.maxsize;
  }

  private wait<V>(signal: AbortSignal | undefined, register: (w: Waiter<V>) => void, unregister: (w: Waiter<V>) => void): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const onAbort = () => {
        unregister(waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter<V> = { resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      register(waiter);
    });
  }

  private first<K>(set: Set<K> | Map<K, unknown>): K | undefined {
    for (const key of set.keys()) {
      set.delete(key);
      return key;
    }
    return undefined;
  }

  async put(item: T, { signal }: WaitOptions = {}): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    if (this.closed) throw new QueueShutDown();
    if (this.full()) {
      return this.wait<void>(signal, (w) => this.putters.set(w, item), (w) => this.putters.delete(w));
    }
    this.putNowait(item);
  }

  putNowait(item: T): void {
    if (this.closed) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this.count(1);
    const getter = this.first(this.getters);
    if (getter === undefined) this.items.push(item);
    else {
      getter.cleanup();
      getter.resolve(item);
    }
  }

  async get({ signal }: WaitOptions = {}): Promise<T> {
    if (signal?.aborted) throw signal.reason;
    if (!this.empty()) return this.getNowait();
    if (this.closed) throw new QueueShutDown();
    return this.wait<T>(signal, (w) => this.getters.add(w), (w) => this.getters.delete(w));
  }

  getNowait(): T {
    if (this.empty()) throw this.closed ? new QueueShutDown() : new QueueEmpty();
    const [item] = this.items.splice(0, 1) as [T];
    const putter = this.putters.keys().next();
    if (!putter.done) {
      const w = putter.value;
      this.items.push(this.putters.get(w) as T);
      this.putters.delete(w);
      this.count(1);
      w.cleanup();
      w.resolve();
    }
    return item;
  }

  private count(delta: number): void {
    this.pending += delta;
    if (this.pending === 0 && this.done) {
      this.done.resolve();
      this.done = null;
    }
  }

  taskDone(): void {
    if (this.pending <= 0) throw new RangeError('too many taskDone() calls');
    this.count(-1);
  }

  join(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    if (!this.done) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.done = { promise, resolve };
    }
    return this.done.promise;
  }

  shutdown(immediate = false): void {
    this.closed = true;
    if (immediate && this.items.length > 0) {
      const n = Math.min(this.items.length, this.pending);
      this.items.length = 0;
      if (n > 0) this.count(-n);
    }
    for (const w of [...this.putters.keys()]) {
      this.putters.delete(w);
      w.cleanup();
      w.reject(new QueueShutDown());
    }
    for (const w of [...this.getters]) {
      this.getters.delete(w);
      w.cleanup();
      w.reject(new QueueShutDown());
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      let item: T;
      try {
        item = await this.get();
      } catch (error) {
        if (error instanceof QueueShutDown) return;
        throw error;
      }
      yield item;
    }
  }
}
