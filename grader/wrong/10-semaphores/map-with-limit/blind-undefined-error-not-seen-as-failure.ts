// Wrong: the first error doubles as the "failed" flag, so a call that fails with `undefined` is not seen as a failure: calls keep starting after it.
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
    let failure: unknown; // the first error, once a call has failed
    const fail = (err: unknown) => {
      if (failure !== undefined) return;
      failure = err;
      controller.abort(new DOMException('mapWithLimit: another call failed', 'AbortError'));
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
        if (failure !== undefined) return;
        results[index] = value;
        done++;
        if (done === total) resolve(results);
        else if (next < total) start();
      }, fail);
    };
    const first = Math.min(limit, total);
    while (failure === undefined && next < first) start();
  });
}
