// Right: a while-loop that races every attempt and every sleep against one shared "aborted" promise, with the attempt number kept as a plain counter.
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

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, signal } = options;
  if (!(Number.isInteger(attempts) && attempts >= 1)) throw new RangeError(`invalid attempts: ${attempts}`);
  signal?.throwIfAborted();

  const givenSignal = signal ?? new AbortController().signal;
  const factor = options.factor ?? 2;
  const cap = options.maxDelayMs ?? Infinity;
  const jitter = options.jitter;
  const draw: (() => number) | null = typeof jitter === 'function' ? jitter : jitter === true ? Math.random : null;
  const shouldRetry = options.shouldRetry ?? ((): boolean => true);

  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
  });
  aborted.catch(() => {});
  signal?.addEventListener('abort', onAbort);

  try {
    let attempt = 1;
    while (true) {
      let step: PromiseLike<T>;
      try {
        step = fn(attempt, givenSignal);
      } catch (error: unknown) {
        step = Promise.reject(error);
      }
      try {
        return await Promise.race([aborted, step]);
      } catch (error: unknown) {
        if (signal?.aborted) throw signal.reason;
        if (attempt === attempts || !shouldRetry(error, attempt)) throw error;
      }

      const waitMs = Math.min(options.baseDelayMs * factor ** (attempt - 1), cap) * (draw ? draw() : 1);
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([aborted, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      } finally {
        clearTimeout(timer);
      }
      attempt += 1;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
