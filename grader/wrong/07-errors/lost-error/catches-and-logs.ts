// Wrong: waits for every insert, but catches each failure and logs it instead of rejecting.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

/** Where the failures go: a log that nobody reads. */
const failures: unknown[] = [];

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  await Promise.all(
    records.map(async (record) => {
      try {
        await db.insert(record);
      } catch (error) {
        failures.push(error);
      }
    }),
  );
}
