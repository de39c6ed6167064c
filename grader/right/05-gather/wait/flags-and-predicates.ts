// Right: distinct items in an array with a parallel array of settled flags and a failure counter, a table of stop conditions per returnWhen, and a deferred resolved by the first callback or timer that satisfies it.
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

type Progress = { settled: number; failed: number; total: number };

const stopWhen: Record<ReturnWhen, (progress: Progress) => boolean> = {
  [FIRST_COMPLETED]: (p) => p.settled > 0,
  [FIRST_EXCEPTION]: (p) => p.failed > 0 || p.settled === p.total,
  [ALL_COMPLETED]: (p) => p.settled === p.total,
};

export function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<WaitResult<P>> {
  let resolveWait!: (result: WaitResult<P>) => void;
  const result = new Promise<WaitResult<P>>((resolve) => {
    resolveWait = resolve;
  });

  const list: P[] = [];
  for (const item of items) if (!list.includes(item)) list.push(item);
  const flags = list.map(() => false);
  const progress: Progress = { settled: 0, failed: 0, total: list.length };
  const shouldStop = stopWhen[options.returnWhen ?? ALL_COMPLETED] ?? stopWhen[ALL_COMPLETED];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let returned = false;

  const snapshot = () => {
    if (returned) return;
    returned = true;
    clearTimeout(timer);
    resolveWait({
      done: new Set(list.filter((_, index) => flags[index])),
      pending: new Set(list.filter((_, index) => !flags[index])),
    });
  };

  const record = (index: number, failed: boolean) => {
    if (flags[index]) return;
    flags[index] = true;
    progress.settled += 1;
    if (failed) progress.failed += 1;
    if (!returned && shouldStop(progress)) snapshot();
  };

  if (list.length === 0) {
    snapshot();
    return result;
  }

  list.forEach((item, index) => {
    try {
      item.then(
        () => record(index, false),
        () => record(index, true),
      );
    } catch {
      record(index, true);
    }
  });

  const { timeout } = options;
  if (!returned && timeout !== undefined && timeout < Infinity) {
    timer = setTimeout(snapshot, timeout <= 0 ? 0 : timeout);
  }
  return result;
}
