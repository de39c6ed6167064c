// Wrong: calls a thenable's then itself, once, keeping only its first callback, but stores the value it is given as it is, so a thenable that fulfils with a promise puts that promise in the array instead of its value.
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    for (let index = 0; index < items.length; index++) {
      let called = false;
      const settle = (outcome: unknown): void => {
        results[index] = outcome;
        if (--remaining === 0) resolve(results);
      };
      const onValue = (value: unknown): void => {
        if (called) return;
        called = true;
        settle(value);
      };
      const onError = (error: unknown): void => {
        if (called) return;
        called = true;
        if (options.returnExceptions) settle(error);
        else reject(error);
      };
      const item = items[index];
      const thenable = isThenable(item) ? item : Promise.resolve(item);
      try {
        thenable.then(onValue, onError);
      } catch (error) {
        onError(error);
      }
    }
  });
}
