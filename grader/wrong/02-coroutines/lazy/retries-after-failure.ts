// Wrong: forgets a failed outcome so that the next await tries again: fn runs more than once and later awaiters see a new error.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let started = false;
  let outcome: Promise<T> | undefined;
  const start = (): Promise<T> => {
    started = true;
    if (outcome === undefined) {
      const attempt = new Promise<T>((resolve) => resolve(fn()));
      outcome = attempt;
      // Failed? Forget it, so that the next await retries.
      attempt.catch(() => {
        if (outcome === attempt) outcome = undefined;
      });
    }
    return outcome;
  };
  return {
    get started(): boolean {
      return started;
    },
    then(onFulfilled, onRejected) {
      return start().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return start().then(undefined, onRejected);
    },
  };
}
