// Wrong: A waiting put() is only woken by get() and adds its own item once it resumes, a microtask later, so right after the get the queue has room and a newcomer's putNowait jumps ahead of the waiting putter.
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

interface Getter<T> {
  resolve: (item: T) => void;
  reject: (reason: unknown) => void;
  cleanup: () => void;
}

interface Putter<T> {
  resolve: () => void;
  reject: (reason: unknown) => void;
  cleanup: () => void;
}

export class Queue<T> implements AsyncIterable<T> {
  readonly #maxsize: number;
  readonly #items: T[] = [];
  readonly #getters: Getter<T>[] = [];
  readonly #putters: Putter<T>[] = [];
  readonly #joiners: (() => void)[] = [];
  #unfinished = 0;
  #shutDown = false;

  constructor(maxsize = 0) {
    if (!Number.isInteger(maxsize) || maxsize < 0) {
      throw new RangeError(`maxsize must be a whole number, 0 or more, not ${maxsize}`);
    }
    this.#maxsize = maxsize;
  }

  get maxsize(): number {
    return this.#maxsize;
  }

  size(): number {
    return this.#items.length;
  }

  empty(): boolean {
    return this.#items.length === 0;
  }

  full(): boolean {
    return this.#maxsize > 0 && this.#items.length >= this.#maxsize;
  }

  put(item: T, options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#shutDown) return Promise.reject(new QueueShutDown('the queue is shut down'));
    if (!this.full() || this.#getters.length > 0) {
      this.putNowait(item);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.#putters.indexOf(putter);
        if (i >= 0) this.#putters.splice(i, 1);
        reject(signal?.reason);
      };
      const putter: Putter<T> = {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      this.#putters.push(putter);
      signal?.addEventListener('abort', onAbort, { once: true });
    }).then(() => {
      this.#items.push(item);
      this.#unfinished++;
    });
  }

  putNowait(item: T): void {
    if (this.#shutDown) throw new QueueShutDown('the queue is shut down');
    if (this.full()) throw new QueueFull('the queue is full');
    this.#unfinished++;
    const getter = this.#getters.shift();
    if (getter) {
      getter.cleanup();
      getter.resolve(item);
    } else {
      this.#items.push(item);
    }
  }

  get(options: WaitOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#items.length > 0) return Promise.resolve(this.getNowait());
    if (this.#shutDown) return Promise.reject(new QueueShutDown('the queue is shut down'));
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.#getters.indexOf(getter);
        if (i >= 0) this.#getters.splice(i, 1);
        reject(signal?.reason);
      };
      const getter: Getter<T> = {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      this.#getters.push(getter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  getNowait(): T {
    if (this.#items.length === 0) {
      if (this.#shutDown) throw new QueueShutDown('the queue is shut down');
      throw new QueueEmpty('the queue is empty');
    }
    const item = this.#items.shift() as T;
    const putter = this.#putters.shift();
    if (putter) {
      putter.cleanup();
      putter.resolve();
    }
    return item;
  }

  taskDone(): void {
    if (this.#unfinished === 0) throw new RangeError('taskDone() called too many times');
    this.#unfinished--;
    if (this.#unfinished === 0) this.#wakeJoiners();
  }

  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#joiners.push(resolve));
  }

  shutdown(immediate = false): void {
    this.#shutDown = true;
    if (immediate) {
      const discarded = this.#items.length;
      this.#items.length = 0;
      this.#unfinished = Math.max(0, this.#unfinished - discarded);
      if (this.#unfinished === 0) this.#wakeJoiners();
    }
    for (const putter of this.#putters.splice(0)) {
      putter.cleanup();
      putter.reject(new QueueShutDown('the queue is shut down'));
    }
    for (const getter of this.#getters.splice(0)) {
      getter.cleanup();
      getter.reject(new QueueShutDown('the queue is shut down'));
    }
  }

  #wakeJoiners(): void {
    for (const resolve of this.#joiners.splice(0)) resolve();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: async (): Promise<IteratorResult<T>> => {
        try {
          return { value: await this.get(), done: false };
        } catch (error) {
          if (error instanceof QueueShutDown) return { value: undefined, done: true };
          throw error;
        }
      },
      return: async (): Promise<IteratorResult<T>> => ({ value: undefined, done: true }),
    };
  }
}
