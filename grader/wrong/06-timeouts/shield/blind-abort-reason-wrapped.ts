// Wrong: when the abort reason is not an Error it rejects with a new Error built from it instead of with signal.reason itself.
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export async function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  const following = Promise.resolve(work);
  following.catch(() => {});
  if (signal?.aborted) throw asError(signal.reason);

  let onAbort: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => reject(asError(signal?.reason));
  });
  if (onAbort) signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([following, cancelled]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
