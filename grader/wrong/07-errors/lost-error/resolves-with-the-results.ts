// Wrong: returns the chain that ends in Promise.all, so it resolves with the array of the inserts' results instead of undefined.
export interface Database<R> {
  connect(): Promise<void>;
  insert(record: R): Promise<void>;
}

export function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  return db.connect().then(() => Promise.all(records.map((record) => db.insert(record)))) as unknown as Promise<void>;
}
