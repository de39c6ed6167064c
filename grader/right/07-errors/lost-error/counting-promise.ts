// Right: a hand-written Promise that counts the inserts still running and rejects on the first failure, without Promise.all.
/** A database client: both methods are asynchronous, and either can fail. */
export interface Database<R> {
  /** Opens the connection. Must finish before the first insert. */
  connect(): Promise<void>;
  /** Stores one record. */
  insert(record: R): Promise<void>;
}

export function importAll<R>(db: Database<R>, records: readonly R[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const insertEverything = (): void => {
      let stillRunning = records.length;
      if (stillRunning === 0) {
        resolve();
        return;
      }
      const oneDone = (): void => {
        stillRunning -= 1;
        if (stillRunning === 0) resolve();
      };
      for (const record of records) {
        let inserting: Promise<void>;
        try {
          inserting = db.insert(record);
        } catch (error: unknown) {
          reject(error);
          continue;
        }
        inserting.then(oneDone, reject);
      }
    };
    let connecting: Promise<void>;
    try {
      connecting = db.connect();
    } catch (error: unknown) {
      reject(error);
      return;
    }
    connecting.then(insertEverything, reject);
  });
}
