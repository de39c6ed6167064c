// Wrong: awaits the connection, but still inserts with `forEach(async …)`, which nobody can wait for.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  records.forEach(async (record) => {
    await db.insert(record);
  });
}
