// Wrong: the callback of `.then` starts the inserts but does not return their promise, so the awaited chain resolves as soon as the connection is up and the inserts' errors float.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export async function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  await db.connect().then(() => {
    Promise.all(records.map((record) => db.insert(record)));
  });
}
