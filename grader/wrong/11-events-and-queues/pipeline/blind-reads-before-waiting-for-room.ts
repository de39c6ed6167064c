// Wrong: The producer calls next() first and only then waits for room in the buffer, so it holds one item more than maxsize ahead of the consumers.
export interface PipelineOptions {
  maxsize: number;
  workers?: number;
}

interface Job<T> {
  item: T;
  index: number;
}

function wholeAtLeastOne(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}

export function pipeline<T, R>(source: Iterable<T> | AsyncIterable<T>, fn: (item: T, index: number) => R | PromiseLike<R>, options: PipelineOptions): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const maxsize = options.maxsize;
    const workers = options.workers ?? 1;
    if (!wholeAtLeastOne(maxsize) || !wholeAtLeastOne(workers)) {
      reject(new RangeError(`maxsize and workers must be whole numbers, 1 or more (got ${maxsize} and ${workers})`));
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

    const buffer: Job<T>[] = [];
    const idle: ((job: Job<T> | null) => void)[] = [];
    let wakeProducer: (() => void) | null = null;
    const results: R[] = [];
    let sourceDone = false;
    let failed = false;

    const releaseAll = () => {
      for (const worker of idle.splice(0)) worker(null);
      const producer = wakeProducer;
      wakeProducer = null;
      producer?.();
    };

    const fail = (error: unknown, fromSource: boolean) => {
      if (failed) return;
      failed = true;
      buffer.length = 0;
      reject(error);
      if (!sourceDone && !fromSource) {
        try {
          Promise.resolve(iterator.return?.()).catch(() => {});
        } catch {
          // the pipeline has already failed
        }
      }
      releaseAll();
    };

    async function produce(): Promise<void> {
      let index = 0;
      for (;;) {
        let step: IteratorResult<T>;
        try {
          step = await iterator.next();
        } catch (error) {
          fail(error, true);
          return;
        }
        if (failed) return;
        while (!step.done && buffer.length >= maxsize && !failed) {
          await new Promise<void>((resolve) => (wakeProducer = resolve));
        }
        if (failed) return;
        if (step.done) {
          sourceDone = true;
          releaseAll();
          return;
        }
        const job = { item: step.value, index: index++ };
        const worker = idle.shift();
        if (worker) worker(job);
        else buffer.push(job);
      }
    }

    async function work(): Promise<void> {
      for (;;) {
        let job: Job<T> | null | undefined = buffer.shift();
        if (job) {
          const producer = wakeProducer;
          wakeProducer = null;
          producer?.();
        } else {
          if (sourceDone || failed) return;
          job = await new Promise<Job<T> | null>((resolve) => idle.push(resolve));
          if (!job) return;
        }
        if (failed) return;
        try {
          results[job.index] = await fn(job.item, job.index);
        } catch (error) {
          fail(error, false);
          return;
        }
        if (failed) return;
      }
    }

    const tasks = [produce(), ...Array.from({ length: workers }, () => work())];
    void Promise.all(tasks).then(() => {
      if (!failed) resolve(results);
    });
  });
}
