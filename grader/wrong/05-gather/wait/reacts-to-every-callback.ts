// Wrong: attaches item.then(onDone, onDone) directly (in a try) and reacts to every callback, so a thenable that fulfils and then calls its rejection callback too counts as a failure for FIRST_EXCEPTION.
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
  const pending = new Set(items);
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
      try {
        item.then(
          () => settled(item, false),
          () => settled(item, true),
        );
      } catch {
        settled(item, true);
      }
    }
    const { timeout } = options;
    if (timeout !== undefined && timeout !== Infinity) timer = setTimeout(finish, Math.max(0, timeout));
  });
}
