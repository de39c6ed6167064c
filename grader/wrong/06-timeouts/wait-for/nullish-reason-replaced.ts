// Wrong: it rejects with `signal.reason ?? new DOMException(…, 'AbortError')`, so an options.signal aborted with null gives an AbortError instead of that reason.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

const reasonOf = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  return new Promise<T>((resolve, reject) => {
    if (outer?.aborted) {
      reject(reasonOf(outer));
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
    const onOuterAbort = (): void => stop(outer ? reasonOf(outer) : undefined);
    const timer = setTimeout(() => stop(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), Math.max(0, ms));
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
