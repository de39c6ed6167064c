// Wrong: when the work fails with something that is not an Error it rejects with a new Error wrapping it instead of the very same value.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => finish(() => reject(signal?.reason));
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      settle();
    };

    if (signal?.aborted) finish(() => reject(signal.reason));
    else signal?.addEventListener('abort', onAbort);

    Promise.resolve(work).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error), { cause: error }))),
    );
  });
}
