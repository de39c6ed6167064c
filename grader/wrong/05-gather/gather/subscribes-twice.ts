// Wrong: subscribes to each item twice, once for its value and once for its error, so a thenable's then is called twice (and lazy work would start twice).
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    const settle = (index: number, outcome: unknown): void => {
      results[index] = outcome;
      if (--remaining === 0) resolve(results);
    };
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      Promise.resolve(item).then(
        (value) => settle(index, value),
        () => undefined,
      );
      Promise.resolve(item).then(undefined, (error: unknown) => (options.returnExceptions ? settle(index, error) : reject(error)));
    }
  });
}
