// Right: each call creates a small `PendingCall` object whose bound `callback` method settles it once; the returned function is a method shorthand so `this` is forwarded.
export type Callback<R> = (error: unknown, value?: R) => void;

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

class PendingCall<R> {
  readonly promise: Promise<R>;
  #outcome: Outcome<R> | null = null;
  #settle!: (outcome: Outcome<R>) => void;

  constructor() {
    this.promise = new Promise<R>((resolve, reject) => {
      this.#settle = (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error));
    });
  }

  finish(outcome: Outcome<R>): void {
    if (this.#outcome !== null) return;
    this.#outcome = outcome;
    this.#settle(outcome);
  }

  readonly callback: Callback<R> = (error, value) => {
    if (error === null || error === undefined) this.finish({ ok: true, value: value as R });
    else this.finish({ ok: false, error });
  };
}

export function promisify<A extends unknown[], R>(fn: (...args: [...A, Callback<R>]) => void): (...args: A) => Promise<R> {
  const holder = {
    call(this: unknown, ...args: A): Promise<R> {
      const pending = new PendingCall<R>();
      try {
        fn.call(this, ...args, pending.callback);
      } catch (error: unknown) {
        pending.finish({ ok: false, error });
      }
      return pending.promise;
    },
  };
  return holder.call;
}
