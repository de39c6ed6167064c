// Wrong: resolves an empty gather with setTimeout(…, 0) instead of at once, so it starts a timer of its own.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) {
      setTimeout(() => resolve(results), 0);
      return;
    }
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
