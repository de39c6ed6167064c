// Wrong: it adds its listener to options.signal with { once: true } and never removes it, so the listener stays whenever options.signal does not abort.
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
    let settled = false;

    outer?.addEventListener(
      'abort',
      () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        controller.abort(outer.reason);
        reject(outer.reason);
      },
      { once: true },
    );

    let pending: PromiseLike<T>;
    try {
      pending = fn(controller.signal);
    } catch (error: unknown) {
      settled = true;
      reject(error);
      return;
    }

    timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      const error = new DOMException(`timed out after ${ms} ms`, 'TimeoutError');
      controller.abort(error);
      reject(error);
    }, ms);

    Promise.resolve(pending).then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
