// Right: one Promise executor that schedules attempts recursively with setTimeout, with a single abort listener and a `finished` flag for the whole run.
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
    const maxDelayMs = options.maxDelayMs ?? Number.POSITIVE_INFINITY;
    const shouldRetry = options.shouldRetry ?? (() => true);
    const jitter = options.jitter ?? false;

    if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1) {
      reject(new RangeError(`retry: attempts must be a whole number >= 1 (got ${String(attempts)})`));
      return;
    }
    if (outer?.aborted) {
      reject(outer.reason);
      return;
    }

    const signal = outer ?? new AbortController().signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;

    const finish = (): boolean => {
      if (finished) return false;
      finished = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    function onAbort(): void {
      if (finish()) reject(outer?.reason);
    }
    outer?.addEventListener('abort', onAbort);

    const failed = (attempt: number, error: unknown): void => {
      if (finished) return;
      try {
        if (attempt >= attempts || !shouldRetry(error, attempt)) {
          if (finish()) reject(error);
          return;
        }
        let delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
        if (jitter !== false) delay *= (jitter === true ? Math.random : jitter)();
        if (finished) return;
        timer = setTimeout(() => run(attempt + 1), delay);
      } catch (thrown: unknown) {
        if (finish()) reject(thrown);
      }
    };

    const run = (attempt: number): void => {
      timer = undefined;
      if (finished) return;
      let pending: PromiseLike<T>;
      try {
        pending = fn(attempt, signal);
      } catch (error: unknown) {
        failed(attempt, error);
        return;
      }
      Promise.resolve(pending).then(
        (value) => {
          if (finish()) resolve(value);
        },
        (error: unknown) => failed(attempt, error),
      );
    };

    run(1);
  });
}
