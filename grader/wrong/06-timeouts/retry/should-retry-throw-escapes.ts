// Wrong: it runs shouldRetry and the random source inside a .then callback without a try/catch, so when either throws, retry never settles (and the error is an unhandled rejection).
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

export function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { attempts, baseDelayMs, signal: outer } = options;
    const factor = options.factor ?? 2;
    const maxDelayMs = options.maxDelayMs ?? Infinity;
    const shouldRetry = options.shouldRetry ?? (() => true);
    const random = options.jitter === true ? Math.random : options.jitter || undefined;

    if (!Number.isInteger(attempts) || attempts < 1) {
      reject(new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`));
      return;
    }
    if (outer?.aborted) {
      reject(outer.reason);
      return;
    }

    const signal = outer ?? new AbortController().signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    function onAbort(): void {
      if (finish()) reject(outer?.reason);
    }
    outer?.addEventListener('abort', onAbort);

    const failed = (attempt: number, error: unknown): void => {
      if (done) return;
      if (attempt >= attempts || !shouldRetry(error, attempt)) {
        if (finish()) reject(error);
        return;
      }
      const delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
      timer = setTimeout(() => run(attempt + 1), random ? delay * random() : delay);
    };
    const run = (attempt: number): void => {
      if (done) return;
      let pending: PromiseLike<T>;
      try {
        pending = fn(attempt, signal);
      } catch (error) {
        Promise.reject(error).then(undefined, (thrown: unknown) => failed(attempt, thrown));
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
