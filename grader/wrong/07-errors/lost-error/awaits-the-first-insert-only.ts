// Wrong: starts every insert but awaits only the first one; the others float, with their errors.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  const inserts = records.map((record) => db.insert(record));
  await inserts[0];
}
