// Wrong: it draws the random factor at the start of every attempt, the first one included, so the random source is called when no wait follows (and before the failure, not when the wait begins).
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
    const factorForNextWait = random ? random() : 1;
    try {
      return await untilAborted(() => fn(attempt, signal), signal);
    } catch (error) {
      // An abort is not a failure to retry: let it through, like CancelledError.
      if (signal.aborted) throw signal.reason;
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
    }
    const delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
    await sleep(delay * factorForNextWait, signal);
  }
}

/** Settles like `start()`, or rejects with `signal.reason` as soon as the signal aborts. */
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
