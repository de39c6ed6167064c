// Reference solution: fix a program that loses an error
//
// The three bugs of the program as first written, and their fixes:
// 1. `db.connect().then(…)` was neither awaited nor returned: importAll resolved at once, and a
//    failed connect was an unhandled rejection. Fix: `await db.connect()`.
// 2. `records.forEach(async …)` starts the inserts but returns nothing to wait for. Fix: map every
//    record to its insert's promise and `await Promise.all(…)` them.
// 3. The `catch` logged the error and carried on, so a failed insert looked like a success. Fix:
//    let it propagate (no try/catch at all).

/**
 * A database client: both methods are asynchronous, and either can fail. They fail by rejecting
 * (with any value, not always an Error), never by throwing synchronously.
 */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

/**
 * Connects to `db`, then inserts every record, all at once, and resolves when all are stored.
 *
 * - `db.connect()` is called once, during the call to `importAll`.
 * - No insert starts before `connect()` has resolved. Then `db.insert(record)` is called for every
 *   record, once each, in the order of `records`, all at the same moment: no insert waits for
 *   another. Every entry is a record: `0`, `''` and `undefined` too, and one listed twice is
 *   inserted twice. Both are called as methods of `db` (`db` may be a class instance that needs its
 *   `this`), `insert` with the record as its only argument.
 * - The returned promise resolves (with `undefined`) only when every insert has resolved, at the
 *   moment the slowest one finishes.
 * - If `connect()` rejects, the returned promise rejects with that same error, at that moment, and
 *   no insert is called. "That same error" means the very value it rejected with, even if it is
 *   not an Error (a string, `undefined`), here and below.
 * - If an insert rejects, the returned promise rejects with that same error (not wrapped, and not
 *   logged instead: logging it as well is fine), at the moment it fails. If several fail, it
 *   rejects with the first to fail; the other inserts are not stopped, and their outcomes change
 *   nothing.
 * - With no records, it connects and resolves once the connection is up.
 * - No error is lost: nothing is left as an unhandled rejection, whatever fails and whenever.
 */
export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all(records.map((record) => db.insert(record)));
}
