// Wrong: the signal is aborted with the failure's own error as its reason instead of a DOMException named 'AbortError'.
export function mapWithLimit<T, R>(items: Iterable<T>, limit: number, fn: (item: T, index: number, signal: AbortSignal) => PromiseLike<R> | R): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    if (!(limit === Infinity || (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1))) {
      reject(new RangeError(`limit must be a whole number, 1 or more, or Infinity, not ${String(limit)}`));
      return;
    }
    let list: T[];
    try {
      list = Array.from(items);
    } catch (err) {
      reject(err);
      return;
    }
    const total = list.length;
    const results: R[] = new Array<R>(total);
    if (total === 0) {
      resolve(results);
      return;
    }
    const controller = new AbortController();
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      controller.abort(err); // tell the others why
      reject(err);
    };
    const start = () => {
      const index = next++;
      let returned: PromiseLike<R> | R;
      try {
        returned = fn(list[index] as T, index, controller.signal);
      } catch (err) {
        fail(err);
        return;
      }
      Promise.resolve(returned).then((value) => {
        if (failed) return;
        results[index] = value;
        done++;
        if (done === total) resolve(results);
        else if (next < total) start();
      }, fail);
    };
    const first = Math.min(limit, total);
    while (!failed && next < first) start();
  });
}
