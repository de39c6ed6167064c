// Wrong: it subscribes to the work with a separate .then() and .catch(), so the promise returned by .then() rejects unhandled whenever the work fails.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const following = Promise.resolve(work);
    const onAbort = () => reject(signal?.reason);
    const stopListening = () => signal?.removeEventListener('abort', onAbort);

    following.then((value) => {
      stopListening();
      resolve(value);
    });
    following.catch((error: unknown) => {
      stopListening();
      reject(error);
    });

    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
