// Wrong: inserts each distinct record once (`new Set(records)`), so a record listed twice is inserted only once.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all([...new Set(records)].map((record) => db.insert(record)));
}
