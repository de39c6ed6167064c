// Wrong: follows success and failure with two separate chains; the success chain rejects too when the work fails, and nobody handles it.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal?.reason);
    const settled = (): void => signal?.removeEventListener('abort', onAbort);
    const following = Promise.resolve(work);
    following.then((value) => {
      settled();
      resolve(value);
    });
    following.catch((error: unknown) => {
      settled();
      reject(error);
    });
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
