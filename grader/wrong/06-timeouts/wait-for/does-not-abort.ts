// Wrong: rejects with a TimeoutError in time, but never aborts the signal it gave the work, so the work runs on.
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
    const finish = (): void => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    const onOuterAbort = (): void => {
      finish();
      reject(outer?.reason);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
    }, Math.max(0, ms));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => {
          finish();
          resolve(value);
        },
        (error: unknown) => {
          finish();
          reject(error);
        },
      );
    } catch (error) {
      finish();
      reject(error);
    }
  });
}
