// Wrong: races the work against a timeout promise and never clears the timer, so it outlives a quick success.
export interface WaitForOptions {
  signal?: AbortSignal;
}

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new AbortController();
  const stopped = new Promise<never>((_, reject) => {
    const stop = (reason: unknown): void => {
      controller.abort(reason);
      reject(reason);
    };
    setTimeout(() => stop(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), Math.max(0, ms));
    outer?.addEventListener('abort', () => stop(outer.reason), { once: true });
  });
  let work: Promise<T>;
  try {
    work = Promise.resolve(fn(controller.signal));
  } catch (error) {
    work = Promise.reject(error);
  }
  return Promise.race([work, stopped]);
}
