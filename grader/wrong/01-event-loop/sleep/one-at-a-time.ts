// Wrong: sleeps wait in line behind each other (one shared chain), so sleeps started together add up instead of running side by side.

export interface SleepOptions {
  signal?: AbortSignal;
}

let queue: Promise<void> = Promise.resolve();

function sleepNow(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
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
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const mine = queue.then(() => sleepNow(ms, signal));
  queue = mine.catch(() => undefined);
  return mine;
}
