// Wrong: opens a connection for every record (connect, then that record's insert), so connect is called once per record instead of once.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  if (records.length === 0) {
    await db.connect();
    return;
  }
  await Promise.all(
    records.map(async (record) => {
      await db.connect();
      await db.insert(record);
    }),
  );
}
