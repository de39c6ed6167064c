// Right: an async function that races fn's promise against a timeout promise and an outer-abort promise, and cleans up in `finally`.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export async function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onOuterAbort: (() => void) | undefined;

  // Each of these rejects first and only then aborts fn's signal, so that our own rejection is the one the race sees.
  const cancelled = new Promise<never>((_, reject) => {
    onOuterAbort = () => {
      const reason: unknown = outer?.reason;
      reject(reason);
      controller.abort(reason);
    };
  });
  cancelled.catch(() => {});
  if (onOuterAbort) outer?.addEventListener('abort', onOuterAbort);

  try {
    const work = fn(controller.signal);
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
        reject(error);
        controller.abort(error);
      }, ms);
    });
    return await Promise.race([cancelled, timedOut, work]);
  } finally {
    clearTimeout(timer);
    if (onOuterAbort) outer?.removeEventListener('abort', onOuterAbort);
  }
}
