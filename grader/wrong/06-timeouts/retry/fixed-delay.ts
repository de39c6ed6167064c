// Wrong: waits baseDelayMs between every two attempts instead of multiplying the wait by factor each time.
export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  factor?: number;
  maxDelayMs?: number;
  jitter?: boolean | (() => number);
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  signal?: AbortSignal;
}

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs = Infinity, jitter = false, shouldRetry = () => true } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  const signal = options.signal ?? new AbortController().signal;
  const random = jitter === true ? Math.random : jitter === false ? undefined : jitter;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await untilAborted(() => fn(attempt, signal), signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
    }
    const delay = Math.min(baseDelayMs, maxDelayMs);
    await sleep(random ? delay * random() : delay, signal);
  }
}

function untilAborted<T>(start: () => PromiseLike<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    new Promise<T>((inner) => inner(start())).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
