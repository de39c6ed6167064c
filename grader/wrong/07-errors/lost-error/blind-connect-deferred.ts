// Wrong: starts the chain from Promise.resolve().then(...), so connect() is called a microtask later instead of during the call to importAll.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  return Promise.resolve()
    .then(() => db.connect())
    .then(() => Promise.all(records.map((record) => db.insert(record))))
    .then(() => {});
}
