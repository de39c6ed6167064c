// Wrong: FIRST_COMPLETED returns on the first item that fulfils, skipping rejections like Promise.any, instead of on the first one that settles either way.
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

    for (const item of all) {
      item.then(
        () => {
          settled.add(item);
          if (returnWhen === FIRST_COMPLETED || settled.size === all.size) finish();
        },
        () => {
          settled.add(item);
          if (returnWhen === FIRST_EXCEPTION || settled.size === all.size) finish();
        },
      );
    }

    if (timeout !== undefined) timer = setTimeout(finish, Math.max(0, timeout));
  });
}
