// Reference solution: a producer/consumer pipeline with backpressure

/** Options of `pipeline`. */
export interface PipelineOptions {
  /**
   * The most items that may wait between the producer and the consumers: read from the source and
   * not yet passed to `fn`. A whole number, 1 or more (asyncio: the `maxsize` of the queue between
   * them).
   */
  maxsize: number;
  /** How many calls of `fn` may run at once (the consumers): a whole number, 1 or more. Default 1. */
  workers?: number;
}

/**
 * The producer/consumer pattern of asyncio, as one function: a producer reads items from `source`
 * into a bounded buffer, and `workers` consumers take them out, oldest first, and call
 * `fn(item, index)` on each. Write it with a bounded buffer of your own in this file (you may copy
 * your `Queue` from `queue.ts` in here, but do not import it: this exercise is graded on its own).
 *
 * - `source` is any `Iterable` or `AsyncIterable` (an array, a `Set`, a generator, an async
 *   generator). Items are passed to `fn` as they are (a promise that a sync iterable yields is an
 *   item too: it is not awaited), with their position in the source (0, 1, 2, …) as `index`.
 * - Backpressure: the producer reads one item at a time (it calls the iterator's `next()` only once
 *   the previous `next()` has settled), and only while fewer than `maxsize` items wait in the
 *   buffer. So a fast source is never more than `maxsize` items ahead of the consumers: with an
 *   instant source and busy consumers, `next()` has been called `workers + maxsize` times at the
 *   start, and once more each time a consumer takes an item from the buffer.
 * - No idling: as soon as there is room, the producer reads the next item, and as soon as a
 *   consumer is free and an item has been read, the consumer calls `fn` on it, at the same virtual
 *   time (in microtasks, without timers). At most `workers` calls of `fn` run at once; calls start
 *   in source order; each item is passed to `fn` exactly once.
 * - Resolves, once the source is done and every call of `fn` has finished, with the results of `fn`
 *   (what its promise resolved with, or the value it returned) in source order, whatever order the
 *   calls finished in. An empty source resolves with `[]` without calling `fn`.
 * - Fails at the first error: `fn` throws or rejects, or the source's `next()` throws or rejects (or
 *   getting its iterator throws). `pipeline` rejects with that very error at that moment, reads no
 *   more items and starts no more calls (an item whose `next()` settles after the failure is
 *   dropped). Calls already running are left to finish; what they resolve or reject with later is
 *   ignored, and never an unhandled rejection.
 * - Closing the source: if `pipeline` fails before the source has said `done` and its own `next()`
 *   did not fail, it calls the iterator's `return()` (if it has one) exactly once, however many
 *   calls fail after, so a generator's `finally` runs. It never calls `return()` otherwise: not
 *   when it resolves, not after `done`, not after `next()` failed.
 * - `maxsize` or `workers` that is not a whole number, 1 or more (0, negative, fractional, `NaN`):
 *   rejects with a `RangeError` without calling the source's `next()`. `pipeline` never throws:
 *   every failure is a rejection.
 */
export function pipeline<T, R>(source: Iterable<T> | AsyncIterable<T>, fn: (item: T, index: number) => R | PromiseLike<R>, options: PipelineOptions): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const { maxsize } = options;
    const workers = options.workers ?? 1;
    for (const [name, value] of [['maxsize', maxsize], ['workers', workers]] as const) {
      if (!Number.isInteger(value) || value < 1) {
        reject(new RangeError(`${name} must be a whole number, 1 or more: got ${String(value)}`));
        return;
      }
    }
    let iterator: Iterator<T> | AsyncIterator<T>;
    try {
      iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
    } catch (error) {
      reject(error);
      return;
    }
    const buffer: { item: T; index: number }[] = [];
    const results: R[] = [];
    let running = 0;
    let read = 0;
    let reading = false;
    let sourceDone = false;
    let failed = false;

    /** The first error ends it all; `fromSource`: the source's own next() failed, so it is not closed. */
    const fail = (error: unknown, fromSource = false): void => {
      if (failed) return;
      failed = true;
      if (!sourceDone && !fromSource) {
        try {
          Promise.resolve(iterator.return?.()).catch(() => {});
        } catch {
          // a return() that throws changes nothing: the pipeline has failed already
        }
      }
      reject(error);
    };

    /** Called only while nothing has failed. No call running means the buffer is empty too. */
    const finishIfDone = (): void => {
      if (sourceDone && running === 0) resolve(results);
    };

    const start = (item: T, index: number): void => {
      running++;
      let result: R | PromiseLike<R>;
      try {
        result = fn(item, index);
      } catch (error) {
        fail(error);
        return;
      }
      Promise.resolve(result).then(
        (value) => {
          running--;
          if (failed) return;
          results[index] = value;
          const next = buffer.shift();
          if (next) start(next.item, next.index);
          produce();
          finishIfDone();
        },
        (error: unknown) => fail(error),
      );
    };

    const produce = (): void => {
      if (failed || sourceDone || reading || buffer.length >= maxsize) return;
      reading = true;
      let step: IteratorResult<T> | PromiseLike<IteratorResult<T>>;
      try {
        step = iterator.next();
      } catch (error) {
        fail(error, true);
        return;
      }
      Promise.resolve(step).then(
        (result) => {
          reading = false;
          if (failed) return;
          if (result.done) {
            sourceDone = true;
            finishIfDone();
            return;
          }
          const index = read++;
          if (running < workers) start(result.value, index);
          else buffer.push({ item: result.value, index });
          produce();
        },
        (error: unknown) => fail(error, true),
      );
    };

    produce();
  });
}
