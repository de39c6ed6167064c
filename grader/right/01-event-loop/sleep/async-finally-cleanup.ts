// Right: an async function that checks with signal.throwIfAborted(), awaits a bare timer promise and cleans up the timer and the listener in a finally block.
export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

export async function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort);
      timer = setTimeout(resolve, ms);
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
