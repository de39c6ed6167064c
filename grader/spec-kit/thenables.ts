// Thenables that misbehave, for specs that promise to follow an item "as `await` would": only the
// first callback counts, and a `then` that throws is a rejection.

/** A thenable that fulfils with `first`, then calls back twice more: once more with a value, once with an error. */
export function noisyThenable<T>(first: T, again: T): PromiseLike<T> {
  return {
    then(onFulfilled, onRejected) {
      onFulfilled?.(first);
      onFulfilled?.(again);
      onRejected?.(new Error('too late'));
      return Promise.resolve() as never;
    },
  };
}

/** A thenable whose `then` throws `error`. */
export function throwingThenable<T = never>(error: unknown): PromiseLike<T> {
  return {
    then() {
      throw error;
    },
  };
}
