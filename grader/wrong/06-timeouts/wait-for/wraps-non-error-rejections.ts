// Wrong: when fn rejects (or throws) with something that is not an Error, it rejects with a new Error made from it instead of that very value.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(`fn failed: ${String(value)}`, { cause: value }));

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  return new Promise<T>((resolve, reject) => {
    if (outer?.aborted) {
      reject(outer.reason);
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
    const onOuterAbort = (): void => stop(outer?.reason);
    const timer = setTimeout(() => stop(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), Math.max(0, ms));
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(asError(error))),
      );
    } catch (error) {
      finish(() => reject(asError(error)));
    }
  });
}
