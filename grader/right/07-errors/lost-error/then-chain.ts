// Right: a plain .then chain from connect() to Promise.all of the inserts, ending in a step that drops the array of results.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  return db
    .connect()
    .then(() => Promise.all(records.map((record) => db.insert(record))))
    .then(() => undefined);
}
