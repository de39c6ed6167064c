// Wrong: on abort it clears the timer but rejects from a new setTimeout(…, 0), a turn of the event loop after the abort instead of at that moment.
export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      setTimeout(() => reject(signal?.reason), 0);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
