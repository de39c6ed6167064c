// Wrong: when options.signal aborts it rejects but does not clear its timer, which stays pending until the original deadline.
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

    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
    outer?.addEventListener('abort', onAbort, { once: true });

    let pending: PromiseLike<T>;
    try {
      pending = fn(controller.signal);
    } catch (error: unknown) {
      settled = true;
      outer?.removeEventListener('abort', onAbort);
      reject(error);
      return;
    }

    const timer = setTimeout(() => {
      outer?.removeEventListener('abort', onAbort);
      if (settled) return;
      settled = true;
      const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      controller.abort(error);
      reject(error);
    }, ms);

    const done = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    Promise.resolve(pending).then(
      (value) => {
        if (done()) resolve(value);
      },
      (error: unknown) => {
        if (done()) reject(error);
      },
    );
  });
}
