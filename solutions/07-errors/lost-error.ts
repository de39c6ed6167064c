// Reference solution: fix a program that loses an error
//
// The three bugs of the program as first written, and their fixes:
// 1. `db.connect().then(…)` was neither awaited nor returned: importAll resolved at once, and a
//    failed connect was an unhandled rejection. Fix: `await db.connect()`.
// 2. `records.forEach(async …)` starts the inserts but returns nothing to wait for. Fix: map every
//    record to its insert's promise and `await Promise.all(…)` them.
// 3. The `catch` logged the error and carried on, so a failed insert looked like a success. Fix:
//    let it propagate (no try/catch at all).

/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

/**
 * Connects, then inserts every record at once; resolves when every insert has finished, and
 * rejects with the first error, from the connect or from an insert.
 */
export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all(records.map((record) => db.insert(record)));
}
