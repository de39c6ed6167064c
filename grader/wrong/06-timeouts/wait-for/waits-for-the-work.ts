// Wrong: like asyncio's wait_for, it aborts the signal at the timeout and then waits for the work to finish before rejecting.
export interface WaitForOptions {
  signal?: AbortSignal;
}

export async function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const outer = options.signal;
  outer?.throwIfAborted();
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), Math.max(0, ms));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    return await fn(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
