// Wrong: it removes its abort listener only when the work settles, so after an abort the listener stays on the signal for as long as the work runs (forever if it never settles).
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
    }
    const onAbort = () => reject(signal?.reason);
    if (signal && !signal.aborted) signal.addEventListener('abort', onAbort);

    Promise.resolve(work)
      .finally(() => signal?.removeEventListener('abort', onAbort))
      .then(resolve, reject);
  });
}
