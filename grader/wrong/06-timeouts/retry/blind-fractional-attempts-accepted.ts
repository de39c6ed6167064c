// Wrong: it only rejects attempts below 1 (or NaN), so a fractional or infinite count such as 2.5 is accepted instead of rejected with a RangeError.
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

export function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { attempts, baseDelayMs, signal: outer } = options;
    const factor = options.factor ?? 2;
    const maxDelayMs = options.maxDelayMs ?? Infinity;
    const shouldRetry = options.shouldRetry ?? (() => true);
    const jitter = options.jitter ?? false;

    if (!(attempts >= 1)) {
      reject(new RangeError(`attempts must be at least 1, got ${attempts}`));
      return;
    }
    if (outer?.aborted) {
      reject(outer.reason);
      return;
    }

    const signal = outer ?? new AbortController().signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let over = false;
    const stop = (): boolean => {
      if (over) return false;
      over = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    function onAbort(): void {
      if (stop()) reject(outer?.reason);
    }
    outer?.addEventListener('abort', onAbort);

    const onFailure = (n: number, error: unknown): void => {
      if (over) return;
      if (n >= attempts || !shouldRetry(error, n)) {
        if (stop()) reject(error);
        return;
      }
      let delay = Math.min(baseDelayMs * factor ** (n - 1), maxDelayMs);
      if (jitter) delay *= (typeof jitter === 'function' ? jitter : Math.random)();
      timer = setTimeout(() => run(n + 1), delay);
    };
    const run = (n: number): void => {
      if (over) return;
      try {
        Promise.resolve(fn(n, signal)).then(
          (value) => {
            if (stop()) resolve(value);
          },
          (error: unknown) => onFailure(n, error),
        );
      } catch (error: unknown) {
        onFailure(n, error);
      }
    };
    run(1);
  });
}
