// Wrong: turns an insert failure that is not an Error (a string) into `new Error(String(reason))` instead of rejecting with that same value.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect();
  try {
    await Promise.all(records.map((record) => db.insert(record)));
  } catch (error: unknown) {
    throw error instanceof Error ? error : new Error(String(error));
  }
}
