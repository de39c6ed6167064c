// Exercise: fix a program that loses an error
// Lesson: lessons/07-errors.md · Check: npm run check -- lost-error · Grade: npm run grade -- lost-error
//
// In asyncio, an exception in a task that nobody awaits does not reach your `try`/`except`: at
// best it is logged, much later, as "Task exception was never retrieved". JavaScript loses errors
// the same way, and in more ways: a promise nobody awaits, `forEach(async …)`, a `.then` whose
// promise nobody returns, a `catch` that logs and carries on.
//
// `importAllAsWritten` below is a small program as it was first written. It type-checks, it looks
// finished, and when nothing fails, every record does end up stored. It has three bugs, and
// together they lose every error: a failed connection or a failed insert never reaches the
// caller, and the import "finishes" before a single record is stored. Read it, find the bugs,
// then write `importAll`: the same program without them, doing exactly what its doc comment says.
// (`importAllAsWritten` is not graded; keep it to compare, or delete it.)

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

// The program as it was first written. Do not fix it here: write importAll below.
async function importAllAsWritten<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  db.connect().then(() => {
    records.forEach(async (record) => {
      try {
        await db.insert(record);
      } catch (error) {
        console.error('could not insert a record:', error);
      }
    });
  });
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
export function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  throw new Error('importAll is not implemented yet: open exercises/07-errors/lost-error.ts and write it.');
}
