// Wrong: when it is given a Set it uses that very Set as its pending set and deletes settled items from it, so the caller's Set is emptied.
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;
export interface WaitOptions {
  returnWhen?: ReturnWhen;
  timeout?: number;
}

export function wait<P extends PromiseLike<unknown>>(items: Iterable<P>, options: WaitOptions = {}): Promise<{ done: Set<P>; pending: Set<P> }> {
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  const pending = items instanceof Set ? (items as Set<P>) : new Set(items);
  const done = new Set<P>();
  return new Promise((resolve) => {
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve({ done: new Set(done), pending: new Set(pending) });
    };
    if (pending.size === 0) return finish();
    const settled = (item: P, failed: boolean): void => {
      if (finished) return;
      pending.delete(item);
      done.add(item);
      if (returnWhen === FIRST_COMPLETED || (failed && returnWhen === FIRST_EXCEPTION) || pending.size === 0) finish();
    };
    for (const item of [...pending]) {
      Promise.resolve(item).then(
        () => settled(item, false),
        () => settled(item, true),
      );
    }
    const { timeout } = options;
    if (timeout !== undefined && timeout !== Infinity) timer = setTimeout(finish, Math.max(0, timeout));
  });
}
