// Wrong: it resolves with the very sets it keeps updating, so items that settle after wait has returned still move from pending to done.
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
    const pending = new Set(items);
    const done = new Set<P>();
    const total = pending.size;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve({ done, pending });
    };

    if (total === 0) {
      finish();
      return;
    }

    for (const item of [...pending]) {
      const settle = (failed: boolean) => {
        pending.delete(item);
        done.add(item);
        if (returnWhen === FIRST_COMPLETED || (returnWhen === FIRST_EXCEPTION && failed) || done.size === total) finish();
      };
      item.then(
        () => settle(false),
        () => settle(true),
      );
    }

    if (timeout !== undefined) timer = setTimeout(finish, Math.max(0, timeout));
  });
}
