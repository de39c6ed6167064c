// Wrong: keeps one error slot per function, initialised to undefined, and treats an undefined slot as "did not fail", so a function that rejects with undefined counts as a success.
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const values: T[] = new Array<T>(fns.length);
    const errors: unknown[] = new Array<unknown>(fns.length).fill(undefined);
    let pending = fns.length;
    if (pending === 0) {
      resolve([]);
      return;
    }
    const settleOne = (): void => {
      pending--;
      if (pending > 0) return;
      const failures = errors.filter((error) => error !== undefined);
      if (failures.length === 0) resolve(values);
      else reject(new AggregateError(failures, `${failures.length} of ${fns.length} functions failed`));
    };
    fns.forEach((fn, i) => {
      let promise: Promise<T>;
      try {
        promise = fn();
      } catch (error: unknown) {
        promise = Promise.reject(error);
      }
      promise.then(
        (value) => {
          values[i] = value;
          settleOne();
        },
        (error: unknown) => {
          errors[i] = error;
          settleOne();
        },
      );
    });
  });
}
