// Wrong: it pulls items from the iterator only as calls start (like p-map), instead of reading the iterable completely before the first call (and a throwing iterable is met after calls have started).
export function mapWithLimit<T, R>(items: Iterable<T>, limit: number, fn: (item: T, index: number, signal: AbortSignal) => PromiseLike<R> | R): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    if (!(limit === Infinity || (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1))) {
      reject(new RangeError(`limit must be a whole number, 1 or more, or Infinity, not ${String(limit)}`));
      return;
    }
    const controller = new AbortController();
    const results: R[] = [];
    let iterator: Iterator<T>;
    try {
      iterator = items[Symbol.iterator]();
    } catch (err) {
      reject(err);
      return;
    }
    let next = 0;
    let running = 0;
    let exhausted = false;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      controller.abort(new DOMException('mapWithLimit: another call failed', 'AbortError'));
      reject(err);
    };
    // Takes the next item, if any, and calls fn on it. Returns false once there is nothing left.
    const startNext = (): boolean => {
      if (failed || exhausted) return false;
      let step: IteratorResult<T>;
      try {
        step = iterator.next();
      } catch (err) {
        fail(err);
        return false;
      }
      if (step.done) {
        exhausted = true;
        if (running === 0) resolve(results);
        return false;
      }
      const index = next++;
      running++;
      let returned: PromiseLike<R> | R;
      try {
        returned = fn(step.value, index, controller.signal);
      } catch (err) {
        fail(err);
        return false;
      }
      Promise.resolve(returned).then((value) => {
        if (failed) return;
        results[index] = value;
        running--;
        if (!startNext() && exhausted && running === 0) resolve(results);
      }, fail);
      return true;
    };
    for (let started = 0; started < limit && startNext(); started++);
  });
}
