// Wrong: once the gather has rejected, its error callback rethrows every later failure, so the promise that then() returned rejects with nobody to handle it.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    let failed = false;
    if (remaining === 0) resolve(results);
    for (let index = 0; index < items.length; index++) {
      Promise.resolve(items[index]).then(
        (value) => {
          results[index] = value;
          if (--remaining === 0) resolve(results);
        },
        (error: unknown) => {
          if (options.returnExceptions) {
            results[index] = error;
            if (--remaining === 0) resolve(results);
            return;
          }
          if (failed) throw error;
          failed = true;
          reject(error);
        },
      );
    }
  });
}
