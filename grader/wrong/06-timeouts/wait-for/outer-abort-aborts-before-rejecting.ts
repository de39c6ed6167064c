// Wrong: on an outer abort it aborts fn's signal before rejecting its own race entry, so a fn that rejects at once with its own error on abort wins the race and waitFor rejects with that error instead of the outer reason.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export async function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onOuterAbort = (): void => {};
  const cancelled = new Promise<never>((_, reject) => {
    onOuterAbort = () => {
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
  });
  cancelled.catch(() => {});
  outer?.addEventListener('abort', onOuterAbort);

  try {
    const work = fn(controller.signal);
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
        reject(error);
        controller.abort(error);
      }, ms);
    });
    return await Promise.race([work, timedOut, cancelled]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
