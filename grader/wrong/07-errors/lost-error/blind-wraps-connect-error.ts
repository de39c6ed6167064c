// Wrong: wraps a failed connection in a new Error('could not connect to the database', { cause }) instead of rejecting with connect()'s own error.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  try {
    await db.connect();
  } catch (error: unknown) {
    throw new Error('could not connect to the database', { cause: error });
  }
  await Promise.all(records.map((record) => db.insert(record)));
}
