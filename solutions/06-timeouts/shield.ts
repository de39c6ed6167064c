// Reference solution: shield: keep the work running when the wait is cancelled

/**
 * Waits for `work`, and lets the wait be cancelled through `signal` while `work` runs on: rejects
 * with `signal.reason` when the signal aborts first, settles as `work` does otherwise. Always
 * follows `work` to its end, so a late failure is handled, and leaves no listener behind.
 */
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal?.reason);
    // Follow the work whatever happens to the wait: this is also what handles a late failure.
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
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
