// Right: a Waiter class keeps a Map from each item to its state and a count of unsettled items, and resolves from whichever callback or timer meets the condition first.
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';

/** When `wait` returns: asyncio's `return_when`. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** When to return; `ALL_COMPLETED` when not given. */
  returnWhen?: ReturnWhen;
  /** The most milliseconds to wait (asyncio counts in seconds); no limit when not given. */
  timeout?: number;
}

export interface WaitResult<P> {
  /** The items that had settled (fulfilled or rejected) when `wait` returned. */
  readonly done: Set<P>;
  /** The items that had not. */
  readonly pending: Set<P>;
}

class Waiter<P extends PromiseLike<unknown>> {
  readonly result: Promise<WaitResult<P>>;
  private readonly states = new Map<P, 'pending' | 'fulfilled' | 'rejected'>();
  private unsettled = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private open = true;
  private readonly returnWhen: ReturnWhen;
  private resolveResult!: (result: WaitResult<P>) => void;

  constructor(items: Iterable<P>, returnWhen: ReturnWhen, timeout: number | undefined) {
    this.returnWhen = returnWhen;
    this.result = new Promise<WaitResult<P>>((resolve) => {
      this.resolveResult = resolve;
    });
    for (const item of items) {
      if (this.states.has(item)) continue;
      this.states.set(item, 'pending');
      this.unsettled += 1;
    }
    if (this.unsettled === 0) {
      this.close();
      return;
    }
    for (const item of [...this.states.keys()]) this.watch(item);
    if (this.open && typeof timeout === 'number' && timeout < Infinity) {
      this.timer = setTimeout(() => this.close(), timeout > 0 ? timeout : 0);
    }
  }

  private watch(item: P): void {
    try {
      item.then(
        () => this.settle(item, 'fulfilled'),
        () => this.settle(item, 'rejected'),
      );
    } catch {
      this.settle(item, 'rejected');
    }
  }

  private settle(item: P, state: 'fulfilled' | 'rejected'): void {
    if (this.states.get(item) !== 'pending') return;
    this.states.set(item, state);
    this.unsettled -= 1;
    if (!this.open) return;
    const met =
      this.unsettled === 0 ||
      this.returnWhen === FIRST_COMPLETED ||
      (this.returnWhen === FIRST_EXCEPTION && state === 'rejected');
    if (met) this.close();
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const done = new Set<P>();
    const pending = new Set<P>();
    for (const [item, state] of this.states) {
      if (state === 'pending') pending.add(item);
      else done.add(item);
    }
    this.resolveResult({ done, pending });
  }
}

export function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<WaitResult<P>> {
  try {
    return new Waiter(items, options.returnWhen ?? ALL_COMPLETED, options.timeout).result;
  } catch (error: unknown) {
    return Promise.reject(error);
  }
}
