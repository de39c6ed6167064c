// Wrong: when the signal aborts during an attempt it waits for that attempt to settle before rejecting with the reason (and resolves if the attempt then succeeds).
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

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(id);
      reject(signal?.reason);
    };
    const id = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, factor = 2, maxDelayMs = Infinity, jitter = false, shouldRetry = () => true } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt, signal);
    } catch (error: unknown) {
      if (signal.aborted) throw signal.reason;
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
    }
    let delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
    if (jitter) delay *= typeof jitter === 'function' ? jitter() : Math.random();
    await pause(delay, signal);
  }
}
