// Wrong: sets `started` inside `then` only, so a first `catch` starts `fn` but leaves `started` false.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

class LazyValue<T> implements Lazy<T> {
  started = false;
  #promise: Promise<T> | undefined;
  readonly #fn: () => T | PromiseLike<T>;

  constructor(fn: () => T | PromiseLike<T>) {
    this.#fn = fn;
  }

  #run(): Promise<T> {
    if (!this.#promise) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason: unknown) => void;
      this.#promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      try {
        resolve(this.#fn());
      } catch (error: unknown) {
        reject(error);
      }
    }
    return this.#promise;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.started = true;
    return this.#run().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#run().catch(onRejected);
  }
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  return new LazyValue(fn);
}
