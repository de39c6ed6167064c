// Wrong: it races each wait against the abort but never clears the wait's timer, which stays pending after an abort during a wait.
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, factor = 2, maxDelayMs = Infinity, jitter = false, shouldRetry = () => true, signal } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  if (signal?.aborted) throw signal.reason;

  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
  });
  aborted.catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  const fnSignal = signal ?? new AbortController().signal;

  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = (async () => fn(attempt, fnSignal))();
        return await Promise.race([aborted, result]);
      } catch (error: unknown) {
        if (signal?.aborted) throw signal.reason;
        if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
      }
      let delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
      if (jitter) delay *= (jitter === true ? Math.random : jitter)();
      await Promise.race([aborted, sleep(delay)]);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
