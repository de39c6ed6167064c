// Wrong: it relies on { once: true } to clean up, so when the work settles first its abort listener stays on the signal.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) {
    Promise.resolve(work).then(undefined, () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    Promise.resolve(work).then(resolve, reject);
  });
}
