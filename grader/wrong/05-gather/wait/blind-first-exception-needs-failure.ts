// Wrong: with FIRST_EXCEPTION it only ever returns on a rejection (or the timeout), so when no item fails it never resolves instead of behaving like ALL_COMPLETED.
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

export function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<WaitResult<P>> {
  return new Promise<WaitResult<P>>((resolve) => {
    const { returnWhen = ALL_COMPLETED, timeout } = options;
    const all = new Set(items);
    const settled = new Set<P>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const done = new Set<P>();
      const pending = new Set<P>();
      for (const item of all) (settled.has(item) ? done : pending).add(item);
      resolve({ done, pending });
    };

    if (all.size === 0) {
      finish();
      return;
    }

    const onSettled = (item: P, failed: boolean) => {
      settled.add(item);
      switch (returnWhen) {
        case FIRST_COMPLETED:
          finish();
          break;
        case FIRST_EXCEPTION:
          if (failed) finish();
          break;
        case ALL_COMPLETED:
          if (settled.size === all.size) finish();
          break;
      }
    };

    for (const item of all) {
      item.then(
        () => onSettled(item, false),
        () => onSettled(item, true),
      );
    }

    if (timeout !== undefined) timer = setTimeout(finish, Math.max(0, timeout));
  });
}
