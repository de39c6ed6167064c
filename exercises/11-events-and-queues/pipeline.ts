// Exercise: a producer/consumer pipeline with backpressure
// Lesson: lessons/11-events-and-queues.md · Check: npm run check -- pipeline · Grade: npm run grade -- pipeline
//
// The classic asyncio pattern: a producer task puts items into an `asyncio.Queue(maxsize)`, a few
// consumer tasks take them out and work on them, and `await queue.put(item)` makes the producer
// wait whenever the consumers fall behind. Build it as one function: it reads a source, runs `fn`
// on every item with a limited number of consumers, and never reads more than `maxsize` items ahead.

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
  throw new Error('pipeline is not implemented yet: open exercises/11-events-and-queues/pipeline.ts and write it.');
}
