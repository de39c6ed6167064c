// Wrong: it rejects with `signal.reason ?? new DOMException(…, 'AbortError')`, so a signal aborted with null gives an AbortError instead of that reason.
const reasonOf = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      if (signal) reject(reasonOf(signal));
    };
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
    if (signal?.aborted) {
      reject(reasonOf(signal));
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
