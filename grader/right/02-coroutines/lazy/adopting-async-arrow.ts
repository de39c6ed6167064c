// Right: an outer promise made up front adopts, on the first `then`, the promise of an async arrow that calls `fn`, with a boolean flag for `started`.
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
  let adopt!: (inner: Promise<T>) => void;
  const outer = new Promise<T>((resolve) => {
    adopt = resolve;
  });
  const run = async (): Promise<T> => fn();

  const self: Lazy<T> = {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      if (!started) {
        started = true;
        adopt(run());
      }
      return outer.then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return self.then(undefined, onRejected);
    },
  };
  return self;
}
