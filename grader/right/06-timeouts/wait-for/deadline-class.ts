// Right: a small class that is itself the abort listener (`handleEvent`) and keeps the timer, the controller and the settle functions as fields.
export interface WaitForOptions {
  /** Aborting this signal stops the wait early, from outside, like cancelling the task that awaits `wait_for`. */
  signal?: AbortSignal;
}

class Deadline<T> {
  readonly controller = new AbortController();
  readonly promise: Promise<T>;
  private resolveFn!: (value: T) => void;
  private rejectFn!: (error: unknown) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settled = false;

  private readonly outer: AbortSignal | undefined;

  constructor(outer: AbortSignal | undefined) {
    this.outer = outer;
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
  }

  start(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number): void {
    if (this.outer?.aborted) {
      this.fail(this.outer.reason);
      return;
    }
    this.outer?.addEventListener('abort', this);
    let pending: PromiseLike<T>;
    try {
      pending = fn(this.controller.signal);
    } catch (error: unknown) {
      this.fail(error);
      return;
    }
    if (!this.settled) this.timer = setTimeout(() => this.expire(ms), ms);
    Promise.resolve(pending).then(
      (value) => this.succeed(value),
      (error: unknown) => this.fail(error),
    );
  }

  handleEvent(): void {
    this.cancel(this.outer?.reason);
  }

  private expire(ms: number): void {
    this.cancel(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
  }

  private cancel(reason: unknown): void {
    if (!this.close()) return;
    this.controller.abort(reason);
    this.rejectFn(reason);
  }

  private succeed(value: T): void {
    if (this.close()) this.resolveFn(value);
  }

  private fail(error: unknown): void {
    if (this.close()) this.rejectFn(error);
  }

  private close(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this);
    return true;
  }
}

export function waitFor<T>(fn: (signal: AbortSignal) => PromiseLike<T>, ms: number, options: WaitForOptions = {}): Promise<T> {
  const deadline = new Deadline<T>(options.signal);
  deadline.start(fn, ms);
  return deadline.promise;
}
