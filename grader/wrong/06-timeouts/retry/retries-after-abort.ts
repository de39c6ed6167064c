// Wrong: checks the signal only before the first attempt, so an abort during a wait or an attempt is ignored and it keeps retrying.
export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  factor?: number;
  maxDelayMs?: number;
  jitter?: boolean | (() => number);
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  signal?: AbortSignal;
}

export async function retry<T>(fn: (attempt: number, signal: AbortSignal) => PromiseLike<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, factor = 2, maxDelayMs = Infinity, jitter = false, shouldRetry = () => true } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const random = jitter === true ? Math.random : jitter === false ? undefined : jitter;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt, signal);
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
    }
    const delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
    await new Promise((resolve) => setTimeout(resolve, random ? delay * random() : delay));
  }
}
