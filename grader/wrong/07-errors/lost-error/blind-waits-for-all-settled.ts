// Wrong: waits for every insert with Promise.allSettled and only then rethrows the first failure in record order, instead of rejecting at the moment an insert fails.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  const outcomes = await Promise.allSettled(records.map((record) => db.insert(record)));
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') throw outcome.reason;
  }
}
