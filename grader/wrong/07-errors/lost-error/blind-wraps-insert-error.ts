// Wrong: wraps a failed insert in a new Error('import failed: …', { cause }) instead of rejecting with the insert's own error.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  try {
    await Promise.all(records.map((record) => db.insert(record)));
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`import failed: ${message}`, { cause: error });
  }
}
