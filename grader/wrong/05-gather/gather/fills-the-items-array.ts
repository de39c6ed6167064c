// Wrong: writes each result over its item in the items array itself and resolves with that array, instead of a new one.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = items as unknown[];
    let remaining = items.length;
    if (remaining === 0) resolve([]);
    for (let index = 0; index < items.length; index++) {
      Promise.resolve(items[index]).then(
        (value) => {
          results[index] = value;
          if (--remaining === 0) resolve(results);
        },
        (error: unknown) => {
          if (!options.returnExceptions) return reject(error);
          results[index] = error;
          if (--remaining === 0) resolve(results);
        },
      );
    }
  });
}
