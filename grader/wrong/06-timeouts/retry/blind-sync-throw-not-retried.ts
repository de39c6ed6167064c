// Wrong: it chains on fn's result with .then, so a synchronous throw from fn rejects retry at once with that error instead of counting as a failed attempt and being retried.
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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, factor = 2, maxDelayMs = Infinity, jitter = false, shouldRetry = () => true, signal } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number >= 1, got ${attempts}`);
  signal?.throwIfAborted();
  const fnSignal = signal ?? new AbortController().signal;
  const random = jitter === true ? Math.random : jitter === false ? null : jitter;

  const attempt = (n: number): Promise<T> => {
    const result = Promise.resolve(fn(n, fnSignal));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      result.finally(() => signal?.removeEventListener('abort', onAbort)).then(resolve, reject);
    }).catch(async (error: unknown) => {
      if (signal?.aborted) throw signal.reason;
      if (n >= attempts || !shouldRetry(error, n)) throw error;
      const capped = Math.min(baseDelayMs * factor ** (n - 1), maxDelayMs);
      await sleep(random ? capped * random() : capped, signal);
      return attempt(n + 1);
    });
  };

  return attempt(1);
}
