// Wrong: it removes its abort listener when the work resolves but not when the work rejects, so after a failure of the work the listener stays on the signal.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal?.reason);
    Promise.resolve(work).then(
      (value) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => reject(error),
    );
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
