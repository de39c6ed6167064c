// Wrong: when options.signal aborts it aborts fn's signal with no reason (a default AbortError) instead of options.signal's own reason.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const { signal: outer } = options;
  return new Promise<T>((resolve, reject) => {
    if (outer?.aborted) return reject(outer.reason);

    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const end = (): boolean => {
      if (finished) return false;
      finished = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    const onAbort = (): void => {
      if (!end()) return;
      controller.abort();
      reject(outer?.reason);
    };
    outer?.addEventListener('abort', onAbort);

    try {
      const pending = fn(controller.signal);
      Promise.resolve(pending).then(
        (value) => end() && resolve(value),
        (error: unknown) => end() && reject(error),
      );
    } catch (error: unknown) {
      end();
      return reject(error);
    }

    if (!finished) {
      timer = setTimeout(() => {
        if (!end()) return;
        const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
        controller.abort(error);
        reject(error);
      }, ms);
    }
  });
}
