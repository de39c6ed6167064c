// Wrong: rejects on abort but never clears the timer, which stays scheduled (and keeps a process alive).
export interface SleepOptions {
  signal?: AbortSignal;
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, Math.max(0, ms));
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    void timer;
  });
}
