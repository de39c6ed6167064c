// Wrong: calls fn again on every then, so two awaits run the work twice instead of sharing one outcome.
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
  const run = (): Promise<T> => {
    started = true;
    return new Promise<T>((resolve) => resolve(fn()));
  };
  return {
    get started(): boolean {
      return started;
    },
    then(onFulfilled, onRejected) {
      return run().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return run().then(undefined, onRejected);
    },
  };
}
