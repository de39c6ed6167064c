// Right: one Promise executor with a `settle` guard that clears the timer and removes the outer listener before it resolves or rejects.
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

    const settle = (action: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      action();
    };
    function onOuterAbort(): void {
      const reason: unknown = outer?.reason;
      settle(() => {
        controller.abort(reason);
        reject(reason);
      });
    }
    outer?.addEventListener('abort', onOuterAbort);

    let pending: PromiseLike<T>;
    try {
      pending = fn(controller.signal);
    } catch (error: unknown) {
      settle(() => reject(error));
      return;
    }

    if (!done) {
      timer = setTimeout(() => {
        const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
        settle(() => {
          controller.abort(error);
          reject(error);
        });
      }, ms);
    }

    Promise.resolve(pending).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
