// Wrong: a synchronous throw in fn goes through the same stop path as a timeout, so fn's signal gets aborted (with what fn threw) although fn failed by itself.
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
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      settle();
    };
    const stop = (reason: unknown): void => {
      finish(() => {
        controller.abort(reason);
        reject(reason);
      });
    };
    const onOuterAbort = (): void => stop(outer?.reason);
    const timer = setTimeout(() => stop(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), Math.max(0, ms));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    } catch (error) {
      stop(error);
    }
  });
}
