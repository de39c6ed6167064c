// Right: one Promise executor that attaches then callbacks to every distinct item, records settled ones in a Set, and takes the snapshot in the callback (or timer) that meets the condition.
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
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const done = new Set<P>();
      const pending = new Set<P>();
      for (const item of all) (settled.has(item) ? done : pending).add(item);
      resolve({ done, pending });
    };

    if (all.size === 0) {
      finish();
      return;
    }

    for (const item of all) {
      const onSettled = (rejected: boolean) => {
        if (settled.has(item)) return;
        settled.add(item);
        if (finished) return;
        if (returnWhen === FIRST_COMPLETED) finish();
        else if (returnWhen === FIRST_EXCEPTION && rejected) finish();
        else if (settled.size === all.size) finish();
      };
      try {
        item.then(
          () => onSettled(false),
          () => onSettled(true),
        );
      } catch {
        onSettled(true);
      }
    }

    if (!finished && timeout !== undefined && timeout !== Infinity) {
      timer = setTimeout(finish, Math.max(0, timeout));
    }
  });
}
