// Right: a small class that is its own EventListener object (handleEvent) and owns the timer handle, settling exactly once.
export interface SleepOptions {
  /** Aborting this signal cancels the sleep. */
  signal?: AbortSignal;
}

class Sleeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settled = false;

  private readonly resolve: () => void;
  private readonly reject: (reason: unknown) => void;
  private readonly signal: AbortSignal | undefined;

  constructor(resolve: () => void, reject: (reason: unknown) => void, signal: AbortSignal | undefined) {
    this.resolve = resolve;
    this.reject = reject;
    this.signal = signal;
  }

  start(ms: number): void {
    if (this.signal !== undefined && this.signal.aborted) {
      this.settled = true;
      this.reject(this.signal.reason);
      return;
    }
    this.signal?.addEventListener('abort', this);
    this.timer = setTimeout(() => this.finish(), ms);
  }

  handleEvent(): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanUp();
    this.reject(this.signal?.reason);
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanUp();
    this.resolve();
  }

  private cleanUp(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.signal?.removeEventListener('abort', this);
  }
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    new Sleeper(() => resolve(), reject, options.signal).start(ms);
  });
}
