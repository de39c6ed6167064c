// Exercise: asCompleted as an async iterator
// Lesson: lessons/05-gather.md · Check: npm run check -- as-completed · Grade: npm run grade -- as-completed
//
// `for aw in asyncio.as_completed(aws): result = await aw` handles each result as soon as it is
// ready, fastest first, instead of waiting for all of them as gather does. JavaScript has no
// built-in for it. Build it as an async iterator, so that a `for await` loop does the same job.

/**
 * Yields the results of `items` one by one, in the order the items settle: asyncio's `as_completed`,
 * for a `for await` loop:
 *
 *     for await (const page of asCompleted([fetchA(), fetchB(), fetchC()])) console.log(page);
 *
 * - Each item may be a promise, any other thenable (an object with a `then` method) or a plain
 *   value, which counts as already fulfilled with itself.
 * - `asCompleted` subscribes to every item when it is called (`Promise.resolve(item).then(…)`), not
 *   when the loop starts: a thenable that starts its work when its `then` is called starts at once,
 *   and the order is the order in which the items really settled, even if the loop starts after
 *   all of them have. Mind that the body of an `async function*` runs only at the first `next()`:
 *   subscribe outside it.
 * - Items that have already settled when `asCompleted` is called, and plain values, come first, in
 *   argument order; every other item comes at its turn, in the order they settle.
 * - Each step (`next()`) resolves as soon as the next result is there: at once if that item settled
 *   while the loop was busy, otherwise at the very moment it settles. It resolves with
 *   `{ value, done: false }`; after the last item, with `{ value: undefined, done: true }`. An
 *   empty input ends the iteration at once.
 * - An item that rejects makes the step at its turn reject with that same error (the very value),
 *   so that the `for await` loop throws it, after yielding every result that came before it. The
 *   iteration is then over: a later `next()` resolves with `done: true`.
 * - `asCompleted` handles the rejection of every item itself, so none is ever reported as an
 *   unhandled rejection: not when an item fails before the loop starts, nor when it fails after the
 *   loop has stopped (by `break` or by an error). Results and errors nobody iterates to are dropped.
 * - Calls to `next()` made before the previous one has resolved get the following results, in
 *   order (an async generator queues them for you).
 * - It starts no timer of its own.
 */
export function asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncIterableIterator<T> {
  throw new Error('asCompleted is not implemented yet: open exercises/05-gather/as-completed.ts and write it.');
}
