// Wrong: passes db.insert unbound to records.map, so insert runs without `this` (and with map's index and array as extra arguments).
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all(records.map(db.insert));
}
