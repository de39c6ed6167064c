// Wrong: skips the falsy entries of records (`records.filter(Boolean)`), so a record that is 0, '' or undefined is never inserted.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all(records.filter(Boolean).map((record) => db.insert(record)));
}
