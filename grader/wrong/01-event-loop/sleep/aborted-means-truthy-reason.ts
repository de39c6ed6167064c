// Wrong: tells an already-aborted signal by a truthy `signal.reason` instead of `signal.aborted`, so a signal aborted with 0, '' or null is taken for a live one.
export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise<void>((resolve, reject) => {
    if (signal?.reason) {
      reject(signal.reason);
      return;
    }
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
