// Wrong: calls a thenable's then itself (inside a try, so a throw is a rejection) and counts every callback it makes, so a thenable that calls back twice is counted twice and the gather resolves too early.
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    const settle = (index: number, outcome: unknown): void => {
      results[index] = outcome;
      if (--remaining === 0) resolve(results);
    };
    const fail = (index: number, error: unknown): void => (options.returnExceptions ? settle(index, error) : reject(error));
    for (let index = 0; index < items.length; index++) {
      const item = isThenable(items[index]) ? items[index] : Promise.resolve(items[index]);
      const follow = (value: unknown): void => {
        Promise.resolve(value).then(
          (inner) => settle(index, inner),
          (error: unknown) => fail(index, error),
        );
      };
      try {
        (item as PromiseLike<unknown>).then(follow, (error: unknown) => fail(index, error));
      } catch (error) {
        queueMicrotask(() => fail(index, error));
      }
    }
  });
}
