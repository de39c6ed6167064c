// Wrong: it aborts the signal given to fn on every way out, so fn's signal ends up aborted even when fn resolved, rejected or threw by itself.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new AbortController();

  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;

    const finish = (reason?: unknown): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      controller.abort(reason);
      return true;
    };
    const onAbort = (): void => {
      if (finish(outer?.reason)) reject(outer?.reason);
    };
    outer?.addEventListener('abort', onAbort);

    let pending: PromiseLike<T>;
    try {
      pending = fn(controller.signal);
    } catch (error: unknown) {
      if (finish()) reject(error);
      return;
    }

    timer = setTimeout(() => {
      const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      if (finish(error)) reject(error);
    }, ms);

    Promise.resolve(pending).then(
      (value) => {
        if (finish()) resolve(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}
