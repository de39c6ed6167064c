// Right: a class whose instance is both the abort listener (`handleEvent`) and the holder of the settle functions, settling at most once.
class ShieldedWait<T> {
  readonly promise: Promise<T>;
  private resolveWait!: (value: T) => void;
  private rejectWait!: (reason: unknown) => void;
  private open = true;
  private readonly signal: AbortSignal | undefined;

  constructor(work: PromiseLike<T>, signal: AbortSignal | undefined) {
    this.signal = signal;
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolveWait = resolve;
      this.rejectWait = reject;
    });
    if (signal?.aborted) {
      this.close();
      this.rejectWait(signal.reason);
    } else {
      signal?.addEventListener('abort', this);
    }
    Promise.resolve(work).then(
      (value) => {
        if (this.close()) this.resolveWait(value);
      },
      (error: unknown) => {
        if (this.close()) this.rejectWait(error);
      },
    );
  }

  handleEvent(): void {
    if (this.close()) this.rejectWait(this.signal?.reason);
  }

  private close(): boolean {
    if (!this.open) return false;
    this.open = false;
    this.signal?.removeEventListener('abort', this);
    return true;
  }
}

export function shield<T>(work: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  return new ShieldedWait(work, signal).promise;
}
