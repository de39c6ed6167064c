// Wrong: with no signal it returns `work` itself, so for a work that is only a thenable it returns that thenable instead of a real Promise.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  // Nothing can cancel the wait: the work itself is all there is to wait for.
  if (!signal) return work as Promise<T>;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
