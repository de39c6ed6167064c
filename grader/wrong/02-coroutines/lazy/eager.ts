// Wrong: eager, like a JavaScript async function: calls fn inside lazy() itself instead of waiting for the first then.
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
  const outcome = new Promise<T>((resolve) => resolve(fn()));
  outcome.catch(() => undefined);
  return {
    get started(): boolean {
      return started;
    },
    then(onFulfilled, onRejected) {
      started = true;
      return outcome.then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      started = true;
      return outcome.then(undefined, onRejected);
    },
  };
}
