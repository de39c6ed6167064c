// Wrong: pushes each result when its item finishes, so the results come in completion order instead of argument order.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results: unknown[] = [];
    if (items.length === 0) resolve(results);
    const settle = (outcome: unknown): void => {
      results.push(outcome);
      if (results.length === items.length) resolve(results);
    };
    for (const item of items) {
      Promise.resolve(item).then(settle, (error: unknown) => (options.returnExceptions ? settle(error) : reject(error)));
    }
  });
}
