// Wrong: follows the work and never looks at the signal, so the wait cannot be cancelled.
export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return Promise.resolve(work);
}
