// Wrong: when connect() rejects with no reason (undefined), it rejects with a new Error('could not connect') instead of that same value.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  try {
    await db.connect();
  } catch (error: unknown) {
    throw error ?? new Error('could not connect');
  }
  await Promise.all(records.map((record) => db.insert(record)));
}
