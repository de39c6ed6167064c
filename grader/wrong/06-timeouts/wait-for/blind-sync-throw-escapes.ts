// Wrong: it calls fn before building its promise, so a synchronous throw from fn is thrown by waitFor itself instead of becoming a rejection.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) return Promise.reject(outer.reason);

  const controller = new AbortController();
  const work = Promise.resolve(fn(controller.signal));

  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
    const timer = setTimeout(() => {
      cleanup();
      const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      controller.abort(error);
      reject(error);
    }, ms);
    outer?.addEventListener('abort', onAbort);

    work.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
