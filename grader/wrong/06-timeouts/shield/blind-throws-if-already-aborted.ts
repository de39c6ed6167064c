// Wrong: it calls signal.throwIfAborted() at the top of a plain function, so with an already aborted signal shield throws synchronously instead of returning a rejected promise.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  const following = Promise.resolve(work);
  if (!signal) return following;

  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    following.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
