// Wrong: `catch` attaches the handler and returns the `Lazy` itself instead of a real `Promise`, so what the handler returns is lost and the chain still rejects.
export interface Lazy<T> extends PromiseLike<T> {
  readonly started: boolean;
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B>;
}

export function lazy<T>(fn: () => T | PromiseLike<T>): Lazy<T> {
  let outcome: Promise<T> | undefined;

  const start = (): Promise<T> => {
    if (outcome === undefined) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason: unknown) => void;
      outcome = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      try {
        resolve(fn());
      } catch (error: unknown) {
        reject(error);
      }
    }
    return outcome;
  };

  const self = {
    get started() {
      return outcome !== undefined;
    },
    then<A = T, B = never>(
      onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
      onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
    ): Promise<A | B> {
      return start().then(onFulfilled, onRejected);
    },
    // Chainable, like a fluent API: register the handler and give the Lazy back.
    catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
      void start().then(undefined, onRejected);
      return self as unknown as Promise<T | B>;
    },
  };
  return self;
}
