// Wrong: treats the mere presence of a `signal` key as a signal, so sleep(ms, { signal: undefined }) rejects with a TypeError instead of sleeping.
export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!('signal' in options)) {
      setTimeout(resolve, ms);
      return;
    }
    const signal = options.signal as AbortSignal;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
