// Exercise: wait with returnWhen
// Lesson: lessons/05-gather.md · Check: npm run check -- wait · Grade: npm run grade -- wait
//
// `done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED)` waits until the first
// task finishes (or the first fails, or all finish, or a timeout passes) and tells you which ones
// are done and which are still running, without ever raising their errors. `Promise.race` only
// gives you a value. Build asyncio's version.

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';

/** When `wait` returns: asyncio's `return_when`. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** When to return; `ALL_COMPLETED` when not given. */
  returnWhen?: ReturnWhen;
  /** The most milliseconds to wait (asyncio counts in seconds); no limit when not given or `Infinity`. */
  timeout?: number;
}

export interface WaitResult<P> {
  /** The items that had settled (fulfilled or rejected) when `wait` returned. */
  readonly done: Set<P>;
  /** The items that had not. */
  readonly pending: Set<P>;
}

/**
 * Waits for `items` until `returnWhen` says so, or until `timeout` ms have passed, and resolves
 * with the items split into two new sets: `done` (settled, by fulfilling or by rejecting) and
 * `pending` (not yet). asyncio's `done, pending = await asyncio.wait(items, timeout=…, return_when=…)`.
 *
 * - `items` may be any iterable (an array, a `Set`, a generator, which can be iterated only once),
 *   of promises or other thenables; `wait` leaves it as it is (a `Set` you pass in is not emptied).
 * - `done` and `pending` hold the very promises you passed in, so `done.has(download)` tells
 *   whether `download` has settled, and `await download` then gives its value (or throws its error)
 *   at once. Every item is in exactly one of the two sets; a promise passed twice counts once.
 * - `returnWhen`, `ALL_COMPLETED` when not given:
 *   - `FIRST_COMPLETED`: resolves as soon as any item settles, whether it fulfils or rejects;
 *   - `FIRST_EXCEPTION`: resolves as soon as any item rejects; if none does, when all have
 *     settled, exactly like `ALL_COMPLETED`;
 *   - `ALL_COMPLETED`: resolves when every item has settled.
 * - `wait` learns that an item has settled through the `then` callbacks it attaches to every item
 *   when it is called (directly or through `Promise.resolve(item)`). Only the first callback an item
 *   calls counts, and an item whose `then` throws counts as having rejected
 *   (`Promise.resolve(item).then(…)` does both for you).
 * - It resolves at the very moment its condition is met, with the two sets taken there and then, in
 *   the callback of the item that meets it: `done` holds the items whose settling it has seen by
 *   then. An item whose callback runs after that one is in `pending`, even if it settled in the
 *   same tick.
 * - `timeout`: if that many milliseconds pass first, it resolves then with whatever has settled
 *   by then (maybe nothing). As in asyncio, running out of time is not an error. 0 or less waits
 *   for a `setTimeout(…, 0)`, so items that have already settled are in `done`. `Infinity`, like no
 *   timeout at all (or `timeout: undefined`), means no limit. Without a limit, `wait` starts no
 *   timer (not even one it clears right away); with one, it clears its timer when it returns
 *   earlier, so that no timer is left behind.
 * - It never rejects: an item that fails is simply done. `wait` handles every item's rejection, so
 *   none is ever reported as unhandled, not even for items that fail after `wait` has returned.
 * - The two sets are a snapshot taken when `wait` resolves: they do not change when more items
 *   settle later. (To wait for the rest, call `wait` again with `pending`.)
 * - An empty input resolves at once with two empty sets, without a timer, whatever the options.
 *   (asyncio raises `ValueError` there instead.)
 */
export function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<WaitResult<P>> {
  throw new Error('wait is not implemented yet: open exercises/05-gather/wait.ts and write it.');
}
