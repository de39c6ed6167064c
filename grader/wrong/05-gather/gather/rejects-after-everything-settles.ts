// Wrong: waits for every item to settle before rejecting with the first error, instead of rejecting at the moment it happens.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    const errors: unknown[] = [];
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    const settle = (index: number, outcome: unknown): void => {
      results[index] = outcome;
      if (--remaining > 0) return;
      if (errors.length > 0 && !options.returnExceptions) reject(errors[0]);
      else resolve(results);
    };
    items.forEach((item, index) => {
      Promise.resolve(item).then(
        (value) => settle(index, value),
        (error: unknown) => {
          errors.push(error);
          settle(index, error);
        },
      );
    });
  });
}
