// Wrong: it pulls the next item from the iterator only when a call can start, instead of reading every item before the first call.
/**
 * Calls `fn(item, index, signal)` for every item, with at most `limit` calls running at a time,
 * and resolves with their results in input order: asyncio's `gather` of coroutines that each
 * start with `async with sem:`, or p-limit's `limit.map(items, fn)`, except that the first
 * failure stops it.
 *
 * - `limit` is a whole number, 1 or more, or `Infinity` (no limit). Anything else (`0`, `-1`,
 *   `1.5`, `NaN`, a string) makes it reject with a `RangeError`, without reading `items` or
 *   calling `fn`. It never throws: every problem is a rejection.
 * - `items` is any iterable (an array, a `Set`, a `Map`, a string, a generator, which can be read
 *   only once). `mapWithLimit` reads it once, completely, before it calls `fn` (as `Array.from`
 *   does). If reading it throws, it rejects with what was thrown, without calling `fn`.
 * - A call is running from the moment `fn` is called until what it returned has settled (a
 *   promise, any thenable, or a plain value, which counts as settled at once). The first
 *   `min(limit, number of items)` calls start at once, at virtual time 0 (during the call or in
 *   the microtasks right after it, before any timer). Each time a call ends, the call for the next
 *   item starts at that very moment (in a microtask, never through a timer), so exactly `limit`
 *   calls run as long as items are left, and never more. `fn` is called exactly once per item, in
 *   input order, with the item, its position in the input (0, 1, 2, …) and an `AbortSignal`, the
 *   same one for every call. `mapWithLimit` starts no timer of its own.
 * - When every call has succeeded, it resolves, the moment the last one ends, with a new array
 *   that holds each call's value at its item's position, whatever order they ended in (falsy
 *   values such as `undefined`, `0` or `''` are results like any other). No items: `[]` at once,
 *   and `fn` is never called. The signal is never aborted when all goes well.
 * - A call fails when `fn` throws (mapWithLimit knows at once, as `fn` returns, so no other call
 *   starts in between) or what it returned rejects (mapWithLimit learns of a rejection in a
 *   microtask, like anyone). At the first failure, whatever its error (an `Error`, a string,
 *   `undefined` or any other falsy value), `mapWithLimit`: starts no more calls, ever, not even
 *   when the calls in flight end later; aborts the signal, with a `DOMException` named
 *   `'AbortError'` as its reason (the message is up to you), so that the calls in flight can
 *   stop; then rejects with that failure's error, unchanged, at that moment, without waiting for
 *   the calls in flight. What those calls do
 *   afterwards (resolve, or reject, even at once in their abort listener) changes nothing, and
 *   none of their rejections is ever reported as unhandled.
 */
export function mapWithLimit<T, R>(items: Iterable<T>, limit: number, fn: (item: T, index: number, signal: AbortSignal) => PromiseLike<R> | R): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    if (!(Number.isInteger(limit) && limit >= 1) && limit !== Infinity) {
      reject(new RangeError(`limit must be a whole number, 1 or more, or Infinity; got ${String(limit)}`));
      return;
    }
    let iterator: Iterator<T>;
    try {
      iterator = items[Symbol.iterator]();
    } catch (error) {
      reject(error);
      return;
    }
    const results: R[] = [];
    const controller = new AbortController();
    let next = 0;
    let running = 0;
    let done = false;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      controller.abort(new DOMException('another call of mapWithLimit failed', 'AbortError'));
      reject(error);
    };
    const fill = (): void => {
      while (!failed && !done && running < limit) {
        let step: IteratorResult<T>;
        try {
          step = iterator.next();
        } catch (error) {
          fail(error);
          return;
        }
        if (step.done) {
          done = true;
          break;
        }
        const index = next++;
        running++;
        let outcome: PromiseLike<R> | R;
        try {
          outcome = fn(step.value, index, controller.signal);
        } catch (error) {
          fail(error);
          return;
        }
        Promise.resolve(outcome).then(
          (value) => {
            running--;
            if (failed) return;
            results[index] = value;
            fill();
          },
          (error: unknown) => {
            running--;
            fail(error);
          },
        );
      }
      if (done && running === 0 && !failed) resolve(results);
    };
    fill();
  });
}
