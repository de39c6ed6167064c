// Right: an async for-loop with try/catch, where each attempt and each wait is wrapped in a helper promise that also rejects when the signal aborts.
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

function abortable<T>(start: () => PromiseLike<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const detach = (): void => signal?.removeEventListener('abort', onAbort);
    let pending: PromiseLike<T>;
    try {
      pending = start();
    } catch (error: unknown) {
      detach();
      reject(error);
      return;
    }
    Promise.resolve(pending).then(
      (value) => {
        detach();
        resolve(value);
      },
      (error: unknown) => {
        detach();
        reject(error);
      },
    );
  });
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
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
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  }
  if (signal?.aborted) throw signal.reason;

  const attemptSignal = signal ?? new AbortController().signal;
  const random = typeof jitter === 'function' ? jitter : jitter ? Math.random : undefined;

  for (let attempt = 1; ; attempt++) {
    try {
      return await abortable(() => fn(attempt, attemptSignal), signal);
    } catch (error: unknown) {
      if (signal?.aborted) throw signal.reason;
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
      let delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
      if (random) delay *= random();
      await wait(delay, signal);
    }
  }
}
