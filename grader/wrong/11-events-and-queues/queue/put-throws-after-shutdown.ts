// Wrong: put on a shut-down queue throws synchronously instead of rejecting

/** Thrown by `getNowait()` when the queue is empty (asyncio: `QueueEmpty`). */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}

/** Thrown by `putNowait()` when the queue is full (asyncio: `QueueFull`). */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/** What `put` and `get` fail with once the queue is shut down (asyncio 3.13: `QueueShutDown`). */
export class QueueShutDown extends Error {
  override name = 'QueueShutDown';
}

/** Options of `put` and `get`. */
export interface WaitOptions {
  /** Aborting it gives up waiting (asyncio: cancelling the task that waits in `put()` or `get()`). */
  signal?: AbortSignal;
}

/**
 * A first in, first out queue for async code, like asyncio's `Queue(maxsize)`, with backpressure:
 * a producer that `await`s `put()` waits while the queue is full.
 *
 * Words used below: the queue *holds* items (`size()` counts them); a *waiting getter* is a `get()`
 * that is pending because the queue was empty; a *waiting putter* is a `put()` that is pending
 * because the queue was full, with its item not yet in the queue. Waiting getters and waiting
 * putters are each served in the order they called (FIFO), and nobody jumps either line:
 *
 * - Whenever getters wait, the queue holds no item; whenever putters wait, it holds `maxsize`.
 * - Every hand-over happens in the call that makes it possible, synchronously: a `put` or
 *   `putNowait` that finds getters waiting hands its item straight to the first of them (it never
 *   sits in the queue, `size()` stays 0); a `get` or `getNowait` that takes an item while putters
 *   wait moves the first waiting putter's item to the back of the queue at once (`size()` stays
 *   `maxsize`) and that `put()` resolves. So a call made right after, in the same synchronous code,
 *   sees the queue as the hand-over left it, and cannot take what was handed to someone else.
 * - Promises settle in microtasks, at the virtual time of the call that settled them. The queue
 *   uses no timers.
 */
export class Queue<T> implements AsyncIterable<T> {
  readonly #maxsize: number;
  readonly #items: T[] = [];
  readonly #getters: Getter<T>[] = [];
  readonly #putters: Putter<T>[] = [];
  #unfinished = 0;
  #joiners: (() => void)[] = [];
  #shutDown = false;

  /**
   * `maxsize` is the most items the queue holds: a whole number, 1 or more, or 0 (the default)
   * for a queue that is never full. Anything else (negative, fractional, `NaN`, `Infinity`) throws
   * a `RangeError`. (asyncio takes any `maxsize <= 0` as unbounded; here only 0 is.) Creating a
   * queue starts nothing.
   */
  constructor(maxsize = 0) {
    if (!Number.isInteger(maxsize) || maxsize < 0) throw new RangeError(`maxsize must be a whole number, 0 or more: got ${String(maxsize)}`);
    this.#maxsize = maxsize;
  }

  /** The `maxsize` given to the constructor (0: unbounded). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** How many items the queue holds now (asyncio: `qsize()`). */
  size(): number {
    return this.#items.length;
  }

  /** `true` when the queue holds no item. */
  empty(): boolean {
    return this.#items.length === 0;
  }

  /** `true` when the queue holds `maxsize` items; always `false` when `maxsize` is 0. */
  full(): boolean {
    return this.#maxsize > 0 && this.#items.length >= this.#maxsize;
  }

  /**
   * Puts `item` at the back of the queue, waiting while the queue is full. Resolves with
   * `undefined` once the item is in the queue (or handed to a waiting getter). Never throws: every
   * failure is a rejection.
   *
   * - Shut down (see `shutdown`): rejects with a `QueueShutDown`, and the item is not added.
   * - `options.signal` already aborted: rejects with `signal.reason` at once, as it is, and adds
   *   nothing, even when there is room. (This check comes before the shut-down one.)
   * - Room (or getters waiting): does what `putNowait(item)` does, and resolves.
   * - Full: becomes a waiting putter, at the end of the line. It resolves when a `get` moves its
   *   item into the queue, in FIFO order among putters.
   * - `options.signal` aborts while it waits: it leaves the line at that moment (those behind move
   *   up), rejects with `signal.reason`, and its item is never added. Once its item is in the
   *   queue, the signal no longer matters. Once `put` has settled, its abort listener is removed.
   * - The queue is shut down while it waits: rejects with a `QueueShutDown` at that moment, and
   *   its item is never added.
   * - Every item put counts as one unfinished task (see `taskDone`) from the moment it is added
   *   to the queue or handed to a getter; an item that is never added (its `put` rejected) never
   *   counts.
   */
  put(item: T, options: WaitOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#shutDown) throw new QueueShutDown('put() on a queue that is shut down');
    if (!this.full()) {
      this.#add(item);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const putter: Putter<T> = {
        item,
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        this.#putters.splice(this.#putters.indexOf(putter), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#putters.push(putter);
    });
  }

  /**
   * Puts `item` at once, or throws.
   *
   * - Shut down: throws a `QueueShutDown` (even when the queue is also full).
   * - Full: throws a `QueueFull`, and adds nothing.
   * - Getters waiting: hands the item to the first of them, whose `get()` resolves with it.
   * - Otherwise: adds the item at the back of the queue.
   */
  putNowait(item: T): void {
    if (this.#shutDown) throw new QueueShutDown('putNowait() on a queue that is shut down');
    if (this.full()) throw new QueueFull(`putNowait() on a full queue (maxsize ${this.#maxsize})`);
    this.#add(item);
  }

  /**
   * Takes the item at the front of the queue, waiting while the queue is empty. Never throws:
   * every failure is a rejection.
   *
   * - `options.signal` already aborted: rejects with `signal.reason` at once, as it is, and takes
   *   nothing, even when an item is there. (This check comes first, before the shut-down one, as
   *   in `put`.)
   * - An item is there: does what `getNowait()` does, and resolves with the item.
   * - Empty and shut down: rejects with a `QueueShutDown`.
   * - Empty: becomes a waiting getter, at the end of the line, and resolves with the item that the
   *   next `put` hands it, in FIFO order among getters.
   * - `options.signal` aborts while it waits: it leaves the line at that moment and rejects with
   *   `signal.reason`. No item is lost: an item is only ever handed to a getter still in the line,
   *   and a getter handed an item resolves with it, even if its signal aborts right after, in the
   *   same synchronous code. Once `get` has settled, its abort listener is removed.
   * - The queue is shut down while it waits: rejects with a `QueueShutDown` at that moment.
   */
  get(options: WaitOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#items.length > 0) return Promise.resolve(this.#take());
    if (this.#shutDown) return Promise.reject(new QueueShutDown('get() on an empty queue that is shut down'));
    return new Promise<T>((resolve, reject) => {
      const getter: Getter<T> = {
        receive: (item) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(item);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        this.#getters.splice(this.#getters.indexOf(getter), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#getters.push(getter);
    });
  }

  /**
   * Takes the item at the front of the queue at once, or throws.
   *
   * - An item is there (shut down or not): removes it and returns it; if putters wait, the first
   *   of them has its item moved to the back of the queue, and its `put()` resolves.
   * - Empty and shut down: throws a `QueueShutDown`.
   * - Empty: throws a `QueueEmpty`.
   */
  getNowait(): T {
    if (this.#items.length > 0) return this.#take();
    if (this.#shutDown) throw new QueueShutDown('getNowait() on an empty queue that is shut down');
    throw new QueueEmpty('getNowait() on an empty queue');
  }

  /**
   * Says that one item taken from the queue has been dealt with. Each item put adds one
   * unfinished task; each `taskDone()` removes one (whoever calls it, whichever item it means).
   *
   * - No unfinished task (every item put has already been counted done, by `taskDone()` or by
   *   `shutdown(true)`): throws a `RangeError` (asyncio: `ValueError('task_done() called too many
   *   times')`) and changes nothing.
   * - The last unfinished task done: every pending `join()` resolves.
   * - It works the same on a queue that is shut down.
   */
  taskDone(): void {
    if (this.#unfinished === 0) throw new RangeError('taskDone() called more times than items were put');
    this.#unfinished--;
    if (this.#unfinished === 0) this.#wakeJoiners();
  }

  /**
   * Waits until every item ever put has been matched by a `taskDone()`. Resolves with `undefined`:
   * at once (in a microtask) when no task is unfinished, otherwise when the count drops to 0. A
   * `join()` called after an item is put waits for that item too, even when an earlier `join()` has
   * resolved; a `join()` that has resolved stays resolved, whatever is put later. Shutting down
   * does not end a `join()` by itself (except that `shutdown(true)` counts the items it discards as
   * done).
   */
  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#joiners.push(resolve));
  }

  /**
   * Shuts the queue down (asyncio 3.13's `shutdown(immediate=False)`), at once:
   *
   * - From now on, every `put` rejects and every `putNowait` throws with a `QueueShutDown`; every
   *   waiting putter rejects with a `QueueShutDown`, and its item is never added.
   * - The items already in the queue can still be taken with `get` and `getNowait`, in order; once
   *   the queue is empty, `get` rejects and `getNowait` throws with a `QueueShutDown`. Waiting
   *   getters (there are only any when the queue is empty) reject with a `QueueShutDown`.
   * - With `immediate` `true`: also discards every item the queue holds, counting each one as done
   *   (as `taskDone()` would, never below 0), so a `join()` waiting only for those items resolves;
   *   from then on `get` rejects at once.
   * - Calling it again does nothing more, except that `shutdown(true)` after `shutdown()` still
   *   discards what is left, counting it as done.
   */
  shutdown(immediate = false): void {
    this.#shutDown = true;
    if (immediate) {
      const discarded = this.#items.splice(0).length;
      const before = this.#unfinished;
      this.#unfinished = Math.max(0, this.#unfinished - discarded);
      if (before > 0 && this.#unfinished === 0) this.#wakeJoiners();
    }
    for (const putter of this.#putters.splice(0)) putter.fail(new QueueShutDown('the queue was shut down while put() waited'));
    for (const getter of this.#getters.splice(0)) getter.fail(new QueueShutDown('the queue was shut down while get() waited'));
  }

  /**
   * `for await (const item of queue)`: each step takes one item with `get()`, only when the loop
   * asks for the next one (nothing is taken ahead, so leaving the loop with `break` leaves the
   * rest in the queue). The loop ends (`done: true`) when `get()` would reject with a
   * `QueueShutDown`: once the queue is shut down and empty. It does not call `taskDone()`: the loop
   * body does. Each call of `[Symbol.asyncIterator]()` returns a new iterator; `next()` calls made
   * together are served in call order.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: async (): Promise<IteratorResult<T>> => {
        try {
          return { done: false, value: await this.get() };
        } catch (error) {
          if (error instanceof QueueShutDown) return { done: true, value: undefined };
          throw error;
        }
      },
      return: async (): Promise<IteratorResult<T>> => ({ done: true, value: undefined }),
    };
  }

  /** Adds one item: to the first waiting getter if any, else to the back of the queue. */
  #add(item: T): void {
    this.#unfinished++;
    const getter = this.#getters.shift();
    if (getter) getter.receive(item);
    else this.#items.push(item);
  }

  /** Removes the front item, and moves the first waiting putter's item in behind the rest. */
  #take(): T {
    const item = this.#items.shift() as T;
    const putter = this.#putters.shift();
    if (putter) {
      this.#items.push(putter.item);
      this.#unfinished++;
      putter.admit();
    }
    return item;
  }

  #wakeJoiners(): void {
    for (const resolve of this.#joiners.splice(0)) resolve();
  }
}

interface Getter<T> {
  receive(item: T): void;
  fail(error: unknown): void;
}

interface Putter<T> {
  readonly item: T;
  admit(): void;
  fail(error: unknown): void;
}
