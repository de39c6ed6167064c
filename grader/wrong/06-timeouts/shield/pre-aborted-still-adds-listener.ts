// Wrong: with a signal that is already aborted it rejects at once but still adds its abort listener, which stays on the signal until the work settles (forever if it never does).
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal?.reason);
    Promise.resolve(work).then(
      (value) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
