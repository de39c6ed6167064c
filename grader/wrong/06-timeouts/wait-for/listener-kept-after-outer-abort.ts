// Wrong: it adds its listener to options.signal without { once: true } and removes it only when fn settles or the timer fires, so after an outer abort the listener stays on the signal.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  return new Promise<T>((resolve, reject) => {
    if (outer?.aborted) {
      reject(outer.reason);
      return;
    }
    const controller = new AbortController();
    let settled = false;
    const onOuterAbort = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
    const done = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      return true;
    };
    const timer = setTimeout(() => {
      if (!done()) return;
      const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      controller.abort(error);
      reject(error);
    }, Math.max(0, ms));
    outer?.addEventListener('abort', onOuterAbort);
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => {
          if (done()) resolve(value);
        },
        (error: unknown) => {
          if (done()) reject(error);
        },
      );
    } catch (error) {
      if (done()) reject(error);
    }
  });
}
