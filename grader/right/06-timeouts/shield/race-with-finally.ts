// Right: an async function that races the work against a promise rejected by the abort listener, and removes that listener in `finally`.
export async function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  const following = Promise.resolve(work);
  following.catch(() => {});
  if (!signal) return following;
  if (signal.aborted) throw signal.reason;

  let onAbort = (): void => {};
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
  });
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([following, cancelled]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
