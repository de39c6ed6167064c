// Right: the returned function is an `async function` that awaits a per-call promise; `fn` runs synchronously before the first `await`, and a throw is caught by hand and rethrown, which rejects the async function's own promise.
export type Callback<R> = (error: unknown, value?: R) => void;

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  return async function (this: unknown, ...args: A): Promise<R> {
    let outcome: { error: unknown; value: R | undefined; ok: boolean } | undefined;
    let wake: (() => void) | undefined;
    const callback = (error: unknown, value?: R): void => {
      if (outcome !== undefined) return;
      outcome = { error, value, ok: error === null || error === undefined };
      wake?.();
    };
    let threw = false;
    let thrown: unknown;
    try {
      fn.call(this, ...args, callback);
    } catch (error: unknown) {
      threw = true;
      thrown = error;
    }
    if (outcome === undefined && threw) throw thrown;
    if (outcome === undefined) await new Promise<void>((resolve) => (wake = resolve));
    const { ok, error, value } = outcome!;
    if (!ok) throw error;
    return value as R;
  };
}
