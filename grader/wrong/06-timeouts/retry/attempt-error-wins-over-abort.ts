// Wrong: it races each attempt against the signal and takes a failure for the abort only when the error is signal.reason itself, so an attempt that rejects with its own error inside its abort listener wins the race, counts as an ordinary failure and is retried.
export interface RetryOptions {
  /** How many tries in all, the first one included: a whole number of at least 1 (`Infinity` is not one). */
  attempts: number;
  /** The wait after the first failure, in milliseconds. */
  baseDelayMs: number;
  /** Each wait is `factor` times the one before. Default 2. */
  factor?: number;
  /**
   * The longest wait, in milliseconds: a longer one is cut down to this (before any jitter), and 0
   * is a cap like any other (every wait is then 0 ms). No cap by default.
   */
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

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, factor = 2, maxDelayMs = Infinity, jitter = false, shouldRetry = () => true } = options;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  }
  const signal = options.signal ?? new AbortController().signal;
  const random = jitter === true ? Math.random : jitter === false ? undefined : jitter;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await untilAborted(() => fn(attempt, signal), signal);
    } catch (error) {
      if (error === signal.reason) throw error;
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
    }
    const delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
    await sleep(random ? delay * random() : delay, signal);
  }
}

/** Races `start()` against the signal: whichever rejects first wins. */
function untilAborted<T>(start: () => PromiseLike<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
  });
  aborted.catch(() => {});
  let pending: PromiseLike<T>;
  try {
    pending = start();
  } catch (error) {
    pending = Promise.reject(error);
  }
  signal.addEventListener('abort', onAbort, { once: true });
  return Promise.race([pending, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Resolves after `ms`, or rejects with `signal.reason` (clearing the timer) when the signal aborts. */
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
