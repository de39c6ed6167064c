// Wrong: returns at once without connecting when there are no records.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  if (records.length === 0) return;
  await db.connect();
  await Promise.all(records.map((record) => db.insert(record)));
}
