// Reference solution: retry with exponential backoff and a signal

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

/**
 * Calls `fn(attempt, signal)` until it succeeds, waiting longer and longer between tries.
 *
 * - `attempt` counts from 1. `signal` is `options.signal` when given, otherwise an AbortSignal that
 *   never aborts. The first attempt starts at once: `fn` is called before `retry` returns.
 * - An attempt fails when `fn`'s promise (any thenable) rejects, or when `fn` throws synchronously.
 * - After attempt `n` fails, and if another attempt is allowed, `retry` waits
 *   `min(baseDelayMs * factor ** (n - 1), maxDelayMs)` milliseconds (measured with `setTimeout`,
 *   counted from the moment of the failure), then starts attempt `n + 1`. With `baseDelayMs` 100
 *   and the default factor 2, the waits are 100, 200, 400, … ms. With jitter, each wait is
 *   multiplied by one new `random()` value, drawn when that wait begins (one call per wait, none
 *   otherwise).
 * - As soon as an attempt succeeds, `retry` resolves with its value and makes no further attempt.
 * - When the last allowed attempt fails, `retry` rejects at once (no wait after it) with that
 *   attempt's error, the last one, unchanged, whatever it is (even `undefined` or a string).
 *   `shouldRetry(error, attempt)` returning `false` makes that attempt the last one. (Whether
 *   `shouldRetry` is also asked about the last allowed attempt is up to you.) If `shouldRetry` or
 *   the random source throws, `retry` rejects with what it threw.
 * - `attempts` that is not a whole number of at least 1 makes `retry` reject with a `RangeError`,
 *   without calling `fn`.
 * - `options.signal`: if it is already aborted, `retry` rejects with `signal.reason` without
 *   calling `fn`. If it aborts during a wait, `retry` rejects with `signal.reason` at that moment
 *   and clears the wait's timer. If it aborts during an attempt, `retry` rejects with
 *   `signal.reason` at that moment, without waiting for the attempt to finish (`fn` got the
 *   signal: stopping is its job), and ignores whatever the attempt does from the abort on, even a
 *   rejection made at once inside its abort listener. Either way it makes no further attempt. The
 *   reason is used as it is, whatever it is.
 * - `retry` never throws: every failure above is a rejection of the promise it returns.
 * - Nothing is left behind: no timer and no abort listener on `options.signal` once `retry` has
 *   settled (whichever way), and no unhandled rejection.
 */
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
      // An abort is not a failure to retry: let it through, like CancelledError.
      if (signal.aborted) throw signal.reason;
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
    }
    const delay = Math.min(baseDelayMs * factor ** (attempt - 1), maxDelayMs);
    await sleep(random ? delay * random() : delay, signal);
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
