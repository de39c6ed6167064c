// Right: a pool of min(limit, n) async workers that pull the next index from a shared counter.
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
export async function mapWithLimit<T, R>(items: Iterable<T>, limit: number, fn: (item: T, index: number, signal: AbortSignal) => PromiseLike<R> | R): Promise<R[]> {
  const validLimit = limit === Infinity || (typeof limit === 'number' && Number.isInteger(limit) && limit > 0);
  if (!validLimit) throw new RangeError(`mapWithLimit: expected a limit of 1 or more, or Infinity, got ${String(limit)}`);
  const list = [...items];
  const results: R[] = new Array(list.length);
  const controller = new AbortController();
  let cursor = 0;
  let failure: { error: unknown } | undefined;
  let reportFailure!: (error: unknown) => void;
  const failed = new Promise<never>((_, reject) => {
    reportFailure = reject;
  });
  failed.catch(() => {});

  const worker = async (): Promise<void> => {
    while (failure === undefined && cursor < list.length) {
      const index = cursor++;
      try {
        results[index] = await fn(list[index] as T, index, controller.signal);
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          controller.abort(new DOMException('mapWithLimit stopped: a call failed', 'AbortError'));
          reportFailure(error);
        }
        return;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, list.length) }, () => worker());
  await Promise.race([Promise.all(workers), failed]);
  if (failure !== undefined) throw failure.error;
  return results;
}
