// Reference solution: waitFor(fn, ms) that aborts the work and leaks no timer

export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

/**
 * Runs `fn(signal)` with a time limit of `ms` milliseconds. Resolves or rejects as `fn` does if it
 * settles in time; otherwise aborts `fn`'s signal with a DOMException named 'TimeoutError' and
 * rejects with it. `options.signal` cancels from outside. Leaves no timer and no listener behind.
 */
export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  return new Promise<T>((resolve, reject) => {
    if (outer?.aborted) {
      reject(outer.reason);
      return;
    }
    const controller = new AbortController();
    let settled = false;
    // Every way out goes through here, exactly once: stop the clock, stop listening, settle.
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
      // Handling both outcomes here also handles a rejection that comes after a timeout.
      Promise.resolve(fn(controller.signal)).then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    } catch (error) {
      finish(() => reject(error));
    }
  });
}
