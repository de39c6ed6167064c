// Right: one `step()` that looks at the whole state after every event and does what is due (start calls, read, finish), instead of callbacks that each know what to do next
export interface PipelineOptions {
  maxsize: number;
  workers?: number;
}

export function pipeline<T, R>(source: Iterable<T> | AsyncIterable<T>, fn: (item: T, index: number) => R | PromiseLike<R>, options: PipelineOptions): Promise<R[]> {
  const maxsize = options.maxsize;
  const workers = options.workers === undefined ? 1 : options.workers;
  const valid = (n: number) => typeof n === 'number' && n % 1 === 0 && n >= 1 && n !== Infinity;
  if (!valid(maxsize) || !valid(workers)) return Promise.reject(new RangeError('maxsize and workers must be whole numbers, 1 or more'));
  return new Promise<R[]>((resolve, reject) => {
    type State = 'running' | 'failed' | 'resolved';
    let state: State = 'running';
    let it: Iterator<T> | AsyncIterator<T>;
    try {
      it = Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
    } catch (e) {
      reject(e);
      return;
    }
    const waiting: [T, number][] = [];
    const out: R[] = [];
    let active = 0;
    let nextIndex = 0;
    let pulling = false;
    let exhausted = false;

    const stop = (error: unknown, closeSource: boolean): void => {
      if (state !== 'running') return;
      state = 'failed';
      if (closeSource && !exhausted) {
        try {
          const r = it.return ? it.return() : undefined;
          if (r) Promise.resolve(r).then(undefined, () => undefined);
        } catch {
          // nothing to do
        }
      }
      exhausted = true;
      reject(error);
    };

    const run = (item: T, index: number): void => {
      active++;
      new Promise<R>((res) => res(fn(item, index))).then(
        (value) => {
          active--;
          out[index] = value;
          step();
        },
        (error: unknown) => {
          active--;
          stop(error, true);
        },
      );
    };

    const pull = (): void => {
      pulling = true;
      new Promise<IteratorResult<T>>((res) => res(it.next())).then(
        (result) => {
          pulling = false;
          if (result.done) exhausted = true;
          else waiting.push([result.value, nextIndex++]);
          step();
        },
        (error: unknown) => {
          pulling = false;
          exhausted = true;
          stop(error, false);
        },
      );
    };

    function step(): void {
      if (state !== 'running') return;
      while (active < workers && waiting.length > 0) {
        const [item, index] = waiting.shift()!;
        run(item, index);
        if (state !== 'running') return;
      }
      if (!pulling && !exhausted && waiting.length < maxsize) pull();
      if (exhausted && !pulling && active === 0 && waiting.length === 0) {
        state = 'resolved';
        resolve(out);
      }
    }

    step();
  });
}
