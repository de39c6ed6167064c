// Wrong: with ms of 0 or less it times out in a microtask instead of on the next turn of the event loop, so work that needs a few microtasks to settle loses.
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
    const timeOut = (): void => stop(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    } catch (error) {
      finish(() => reject(error));
    }
    if (settled) return;
    // No need for a timer when there is no time to give: give up once the promise jobs queued so far have run.
    if (ms <= 0) queueMicrotask(() => queueMicrotask(timeOut));
    else timer = setTimeout(timeOut, ms);
  });
}
