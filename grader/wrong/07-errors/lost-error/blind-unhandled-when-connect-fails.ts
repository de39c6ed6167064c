// Wrong: builds the insert step with connected.then(...) but awaits the connection first, so when connect() fails the derived promise of the inserts rejects with nobody listening.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  const connected = db.connect();
  const inserted = connected.then(() => Promise.all(records.map((record) => db.insert(record))));
  await connected;
  await inserted;
}
