// Wrong: it awaits an inner 'condition met' promise and only then builds the sets, so they are taken a tick late and can include items that settled just after the one that met the condition.
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

export async function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<WaitResult<P>> {
  const { returnWhen = ALL_COMPLETED, timeout } = options;
  const all = new Set(items);
  const settled = new Set<P>();
  if (all.size > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((conditionMet) => {
      for (const item of all) {
        item.then(
          () => {
            settled.add(item);
            if (returnWhen === FIRST_COMPLETED || settled.size === all.size) conditionMet();
          },
          () => {
            settled.add(item);
            if (returnWhen !== ALL_COMPLETED || settled.size === all.size) conditionMet();
          },
        );
      }
      if (timeout !== undefined) timer = setTimeout(conditionMet, Math.max(0, timeout));
    });
    clearTimeout(timer);
  }
  const done = new Set<P>();
  const pending = new Set<P>();
  for (const item of all) (settled.has(item) ? done : pending).add(item);
  return { done, pending };
}
