// Wrong: subscribes with items.forEach, which skips the holes of a sparse array, so the count never reaches 0 and such a gather never resolves.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    const settle = (index: number, outcome: unknown): void => {
      results[index] = outcome;
      if (--remaining === 0) resolve(results);
    };
    items.forEach((item, index) => {
      Promise.resolve(item).then(
        (value) => settle(index, value),
        (error: unknown) => (options.returnExceptions ? settle(index, error) : reject(error)),
      );
    });
  });
}
