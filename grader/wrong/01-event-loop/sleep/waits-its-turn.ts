// Wrong: sleeps started in the same turn take turns: each one's timer ends `ms` after the previous
// one's, so sleeps started together add up instead of running side by side.

export interface SleepOptions {
  signal?: AbortSignal;
}

// How long the sleeps started so far in this turn take, one after the other.
let lineMs = 0;

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    if (lineMs === 0) queueMicrotask(() => (lineMs = 0));
    lineMs += Math.max(0, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, lineMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
