// Wrong: gathers the rejections of one tick and rejects, a microtask later, with the one of the lowest index, so of two items that fail in the same tick the first argument wins instead of the first to fail.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    let failures: { index: number; error: unknown }[] | undefined;
    const settle = (index: number, outcome: unknown): void => {
      results[index] = outcome;
      if (--remaining === 0) resolve(results);
    };
    const fail = (index: number, error: unknown): void => {
      if (failures) {
        failures.push({ index, error });
        return;
      }
      failures = [{ index, error }];
      queueMicrotask(() => {
        const first = failures!.reduce((best, failure) => (failure.index < best.index ? failure : best));
        reject(first.error);
      });
    };
    for (let index = 0; index < items.length; index++) {
      Promise.resolve(items[index]).then(
        (value) => settle(index, value),
        (error: unknown) => (options.returnExceptions ? settle(index, error) : fail(index, error)),
      );
    }
  });
}
