// Right: a class with private fields whose pending promise is made in the constructor and is resolved with the outcome of `fn` on the first `then`.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

class LazyValue<T> implements Lazy<T> {
  #fn: (() => T | PromiseLike<T>) | null;
  #started = false;
  readonly #promise: Promise<T>;
  #resolve!: (value: T | PromiseLike<T>) => void;
  #reject!: (reason: unknown) => void;

  constructor(fn: () => T | PromiseLike<T>) {
    this.#fn = fn;
    this.#promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  get started(): boolean {
    return this.#started;
  }

  #start(): Promise<T> {
    if (!this.#started) {
      this.#started = true;
      const fn = this.#fn!;
      this.#fn = null;
      try {
        this.#resolve(fn());
      } catch (error: unknown) {
        this.#reject(error);
      }
    }
    return this.#promise;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#start().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  return new LazyValue(fn);
}
