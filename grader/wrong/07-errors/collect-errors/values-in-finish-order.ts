// Wrong: pushes each value when its function finishes, so the values come in the order they finished, not in argument order.
export function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const values: T[] = [];
    const failed: boolean[] = fns.map(() => false);
    const reasons: unknown[] = new Array<unknown>(fns.length);
    let pending = fns.length;
    if (pending === 0) {
      resolve(values);
      return;
    }
    const done = (): void => {
      if (--pending > 0) return;
      const errors = reasons.filter((_, index) => failed[index]);
      if (errors.length > 0) reject(new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`));
      else resolve(values);
    };
    fns.forEach((fn, index) => {
      let promise: Promise<T>;
      try {
        promise = Promise.resolve(fn());
      } catch (error) {
        promise = Promise.reject(error);
      }
      promise.then(
        (value) => {
          values.push(value);
          done();
        },
        (reason: unknown) => {
          failed[index] = true;
          reasons[index] = reason;
          done();
        },
      );
    });
  });
}
