// Right: it waits for the signal's 'abort' event with `events.once`, and cancels that wait through a private AbortController as soon as the work settles first.
import { once } from 'node:events';

export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      Promise.resolve(work).then(undefined, () => {});
      return;
    }
    const stopListening = new AbortController();
    if (signal) {
      once(signal, 'abort', { signal: stopListening.signal }).then(
        () => reject(signal.reason),
        () => {},
      );
    }
    Promise.resolve(work).then(
      (value) => {
        stopListening.abort();
        resolve(value);
      },
      (error: unknown) => {
        stopListening.abort();
        reject(error);
      },
    );
  });
}
