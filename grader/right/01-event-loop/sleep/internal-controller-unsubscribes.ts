// Right: the abort listener is registered with the `signal` option of addEventListener, so aborting a private AbortController removes it on both paths.
export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const outer = options.signal;
  if (outer?.aborted) return Promise.reject(outer.reason);

  return new Promise<void>((resolve, reject) => {
    const listeners = new AbortController();
    const timer = setTimeout(() => {
      listeners.abort();
      resolve();
    }, ms);
    outer?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        listeners.abort();
        reject(outer.reason);
      },
      { signal: listeners.signal },
    );
  });
}
