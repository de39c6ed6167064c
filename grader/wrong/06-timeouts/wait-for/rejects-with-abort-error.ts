// Wrong: on timeout it calls controller.abort() without a reason and rejects with signal.reason: an AbortError, not a TimeoutError.
export interface WaitForOptions {
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
    const stop = (reason?: unknown): void => {
      finish(() => {
        controller.abort(reason);
        reject(controller.signal.reason);
      });
    };
    const onOuterAbort = (): void => stop(outer?.reason);
    const timer = setTimeout(() => stop(), Math.max(0, ms));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    } catch (error) {
      finish(() => reject(error));
    }
  });
}
