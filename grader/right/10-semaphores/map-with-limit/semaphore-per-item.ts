// Right: one async wrapper per item that waits for a permit of a small fair semaphore, as asyncio code gathers coroutines that each enter `async with sem:`.
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
    if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 1)) {
      reject(new RangeError(`bad limit: ${String(limit)}`));
      return;
    }
    let list: T[];
    try {
      list = Array.from(items);
    } catch (error) {
      reject(error);
      return;
    }
    // A fair semaphore: a released permit goes straight to the first waiter.
    let free = limit;
    const waiters: (() => void)[] = [];
    const acquire = (): Promise<void> => {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise((grant) => waiters.push(grant));
    };
    const release = (): void => {
      const next = waiters.shift();
      if (next) next();
      else free++;
    };
    const controller = new AbortController();
    let stopped = false;
    const results: R[] = [];
    const one = async (item: T, index: number): Promise<void> => {
      await acquire();
      if (stopped) return; // a failure came while this one waited: never start it
      try {
        results[index] = await fn(item, index, controller.signal);
      } catch (error) {
        if (!stopped) {
          stopped = true;
          controller.abort(new DOMException('a call failed', 'AbortError'));
          reject(error);
        }
      } finally {
        release();
      }
    };
    const all = list.map((item, index) => one(item, index));
    void Promise.all(all).then(() => {
      if (!stopped) resolve(results.length === list.length ? results : Object.assign(new Array<R>(list.length), results));
    });
  });
}
