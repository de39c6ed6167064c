// Wrong: with ms of 0 or less it times out synchronously, so even a promise that is already settled loses instead of winning.
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;

    const cleanup = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    const timeOut = (): void => {
      if (!cleanup()) return;
      const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      controller.abort(error);
      reject(error);
    };
    function onAbort(): void {
      if (!cleanup()) return;
      controller.abort(outer?.reason);
      reject(outer?.reason);
    }

    outer?.addEventListener('abort', onAbort);
    let pending: PromiseLike<T>;
    try {
      pending = fn(controller.signal);
    } catch (error: unknown) {
      cleanup();
      reject(error);
      return;
    }
    Promise.resolve(pending).then(
      (value) => {
        if (cleanup()) resolve(value);
      },
      (error: unknown) => {
        if (cleanup()) reject(error);
      },
    );

    if (ms <= 0) timeOut();
    else timer = setTimeout(timeOut, ms);
  });
}
