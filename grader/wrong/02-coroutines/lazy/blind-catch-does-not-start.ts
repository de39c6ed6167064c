// Wrong: implements `catch` as a handler on the pending outcome without starting the computation, so a `Lazy` consumed only through `catch` never calls `fn` and never settles.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

class LazyValue<T> implements Lazy<T> {
  #started = false;
  #fn: () => T | PromiseLike<T>;
  #outcome: Promise<T>;
  #resolve!: (value: T | PromiseLike<T>) => void;
  #reject!: (reason: unknown) => void;

  constructor(fn: () => T | PromiseLike<T>) {
    this.#fn = fn;
    this.#outcome = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  get started(): boolean {
    return this.#started;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    if (!this.#started) {
      this.#started = true;
      try {
        this.#resolve(this.#fn());
      } catch (error: unknown) {
        this.#reject(error);
      }
    }
    return this.#outcome.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#outcome.catch(onRejected);
  }
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  return new LazyValue(fn);
}
