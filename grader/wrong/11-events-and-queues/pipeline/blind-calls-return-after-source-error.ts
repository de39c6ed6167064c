// Wrong: When the source's own next() throws or rejects, pipeline still calls the iterator's return().
export interface PipelineOptions {
  maxsize: number;
  workers?: number;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

export function pipeline<T, R>(source: Iterable<T> | AsyncIterable<T>, fn: (item: T, index: number) => R | PromiseLike<R>, options: PipelineOptions): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const maxsize = options?.maxsize;
    const workers = options?.workers ?? 1;
    if (!isCount(maxsize) || !isCount(workers)) {
      reject(new RangeError('maxsize and workers must be whole numbers, 1 or more'));
      return;
    }

    let iterator: Iterator<T> | AsyncIterator<T>;
    try {
      iterator = Symbol.asyncIterator in Object(source)
        ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
        : (source as Iterable<T>)[Symbol.iterator]();
    } catch (error) {
      reject(error);
      return;
    }

    const buffer: { item: T; index: number }[] = [];
    const results: R[] = [];
    let read = 0;
    let running = 0;
    let reading = false;
    let sourceDone = false;
    let failed = false;

    const finishIfDone = () => {
      if (!failed && sourceDone && running === 0 && buffer.length === 0) resolve(results);
    };

    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      buffer.length = 0;
      reject(error);
      if (!sourceDone) {
        try {
          const closing = iterator.return?.();
          if (closing && typeof (closing as PromiseLike<unknown>).then === 'function') {
            Promise.resolve(closing).catch(() => {});
          }
        } catch {
          // ignored: pipeline has already failed
        }
      }
    };

    const start = (job: { item: T; index: number }) => {
      running++;
      let outcome: R | PromiseLike<R>;
      try {
        outcome = fn(job.item, job.index);
      } catch (error) {
        running--;
        fail(error);
        return;
      }
      Promise.resolve(outcome).then(
        (value) => {
          running--;
          if (failed) return;
          results[job.index] = value;
          const next = buffer.shift();
          if (next) start(next);
          pump();
          finishIfDone();
        },
        (error) => {
          running--;
          fail(error);
        },
      );
    };

    const pump = () => {
      if (failed || reading || sourceDone || buffer.length >= maxsize) return;
      reading = true;
      let step: IteratorResult<T> | Promise<IteratorResult<T>>;
      try {
        step = iterator.next();
      } catch (error) {
        fail(error);
        return;
      }
      Promise.resolve(step).then(
        (result) => {
          reading = false;
          if (failed) return;
          if (result.done) {
            sourceDone = true;
            finishIfDone();
            return;
          }
          const job = { item: result.value, index: read++ };
          if (running < workers) start(job);
          else buffer.push(job);
          pump();
        },
        (error) => {
          reading = false;
          fail(error);
        },
      );
    };

    pump();
  });
}
