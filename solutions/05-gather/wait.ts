// Reference solution: wait with returnWhen

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';

/** When `wait` returns: asyncio's `return_when`. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** When to return; `ALL_COMPLETED` when not given. */
  returnWhen?: ReturnWhen;
  /** The most milliseconds to wait; no limit when not given. */
  timeout?: number;
}

export interface WaitResult<P> {
  /** The items that had settled (fulfilled or rejected) when `wait` returned. */
  readonly done: Set<P>;
  /** The items that had not. */
  readonly pending: Set<P>;
}

/**
 * Waits until `returnWhen` is met or `timeout` ms have passed, and resolves with the input
 * promises split into `done` and `pending`. Never rejects.
 */
export function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<WaitResult<P>> {
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  const { timeout } = options;
  const pending = new Set(items);
  const done = new Set<P>();
  return new Promise((resolve) => {
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      // Copies: the caller's sets must not change when more items settle later.
      resolve({ done: new Set(done), pending: new Set(pending) });
    };
    if (pending.size === 0) {
      finish();
      return;
    }
    const settled = (item: P, failed: boolean): void => {
      if (finished) return;
      pending.delete(item);
      done.add(item);
      if (returnWhen === FIRST_COMPLETED || (failed && returnWhen === FIRST_EXCEPTION) || pending.size === 0) finish();
    };
    for (const item of [...pending]) {
      // Both callbacks: a rejection counts as settling, and is handled, never left unhandled.
      Promise.resolve(item).then(
        () => settled(item, false),
        () => settled(item, true),
      );
    }
    if (timeout !== undefined) timer = setTimeout(finish, Math.max(0, timeout));
  });
}
