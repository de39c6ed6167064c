// Wrong: settles only from the callback of the last function to finish, so with no functions it never resolves.
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const values: T[] = new Array<T>(fns.length);
    const failed: { index: number; reason: unknown }[] = [];
    let pending = fns.length;
    const settleOne = (): void => {
      pending--;
      if (pending > 0) return;
      if (failed.length === 0) {
        resolve(values);
        return;
      }
      failed.sort((a, b) => a.index - b.index);
      reject(
        new AggregateError(
          failed.map((failure) => failure.reason),
          `${failed.length} of ${fns.length} functions failed`,
        ),
      );
    };
    fns.forEach((fn, index) => {
      let promise: Promise<T>;
      try {
        promise = fn();
      } catch (reason: unknown) {
        promise = Promise.reject(reason);
      }
      promise.then(
        (value) => {
          values[index] = value;
          settleOne();
        },
        (reason: unknown) => {
          failed.push({ index, reason });
          settleOne();
        },
      );
    });
  });
}
