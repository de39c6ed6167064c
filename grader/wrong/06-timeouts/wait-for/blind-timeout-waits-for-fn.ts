// Wrong: at the deadline it only aborts fn's signal and then waits for fn to reject, so it never times out on work that ignores its signal (and rejects with whatever fn rejects with).
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
    let timer: ReturnType<typeof setTimeout> | undefined;

    const cleanup = (): void => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      cleanup();
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
    outer?.addEventListener('abort', onAbort);

    let pending: PromiseLike<T>;
    try {
      pending = fn(controller.signal);
    } catch (error: unknown) {
      settled = true;
      cleanup();
      reject(error);
      return;
    }

    timer = setTimeout(() => {
      outer?.removeEventListener('abort', onAbort);
      controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
    }, ms);

    Promise.resolve(pending).then(
      (value) => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(error);
      },
    );
  });
}
