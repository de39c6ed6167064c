// Wrong: its timeout error is a plain Error whose name is set to 'TimeoutError', not a DOMException.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export async function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => {};

  try {
    const work = fn(controller.signal);
    const stop = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(outer?.reason);
        controller.abort(outer?.reason);
      };
      outer?.addEventListener('abort', onAbort);
      timer = setTimeout(() => {
        const error = new Error(`timed out after ${ms} ms`);
        error.name = 'TimeoutError';
        reject(error);
        controller.abort(error);
      }, ms);
    });
    return await Promise.race([stop, work]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}
