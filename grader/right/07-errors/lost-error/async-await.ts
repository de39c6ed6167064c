// Right: an async function that awaits connect() and then awaits Promise.all over every insert.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all(records.map((record) => db.insert(record)));
}
