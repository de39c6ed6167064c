// Wrong: it loops over a zero-based index and passes that index to shouldRetry, so shouldRetry sees attempt 0 for the first attempt instead of 1.
export interface RetryOptions {
  /** How many tries in all, the first one included: a whole number of at least 1. */
  attempts: number;
  /** The wait after the first failure, in milliseconds. */
  baseDelayMs: number;
  /** Each wait is `factor` times the one before. Default 2. */
  factor?: number;
  /** The longest wait, in milliseconds: a longer one is cut down to this (before any jitter). No cap by default. */
  maxDelayMs?: number;
  /**
   * Randomises each wait ("full jitter"): the wait becomes `delay * random()`, where `delay` is the
   * wait computed without jitter (capped) and `random()` returns a number in [0, 1). `true` uses
   * `Math.random`; a function is used as the random source instead. Default `false`: no jitter.
   */
  jitter?: boolean | (() => number);
  /** Decides whether a failure is worth another try. Default: every failure is. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Aborting this signal stops retrying at once. */
  signal?: AbortSignal;
}

function delayFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', onAbort);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.reason);
    }
  });
}

function untilAbort<T>(work: () => PromiseLike<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const off = () => signal?.removeEventListener('abort', onAbort);
    try {
      Promise.resolve(work()).then(
        (v) => (off(), resolve(v)),
        (e: unknown) => (off(), reject(e)),
      );
    } catch (e: unknown) {
      off();
      reject(e);
    }
  });
}

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, signal } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be a whole number of at least 1');
  if (signal?.aborted) throw signal.reason;
  const factor = options.factor ?? 2;
  const random = options.jitter === true ? Math.random : options.jitter || undefined;
  const shouldRetry = options.shouldRetry ?? (() => true);
  const never = new AbortController().signal;

  for (let i = 0; i < attempts; i++) {
    try {
      return await untilAbort(() => fn(i + 1, signal ?? never), signal);
    } catch (error: unknown) {
      if (signal?.aborted) throw signal.reason;
      if (i === attempts - 1 || !shouldRetry(error, i)) throw error;
    }
    let wait = options.baseDelayMs * factor ** i;
    if (options.maxDelayMs !== undefined) wait = Math.min(wait, options.maxDelayMs);
    if (random) wait *= random();
    await delayFor(wait, signal);
  }
  throw new Error('unreachable');
}
