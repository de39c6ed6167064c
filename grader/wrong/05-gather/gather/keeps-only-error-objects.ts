// Wrong: with returnExceptions it keeps in place only rejections that are Error objects; any other rejection value (a string, undefined) rejects the gather.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    for (let index = 0; index < items.length; index++) {
      Promise.resolve(items[index]).then(
        (value) => {
          results[index] = value;
          if (--remaining === 0) resolve(results);
        },
        (error: unknown) => {
          if (!options.returnExceptions || !(error instanceof Error)) return reject(error);
          results[index] = error;
          if (--remaining === 0) resolve(results);
        },
      );
    }
  });
}
