// Wrong: rejects with the error of the first item that fails, like Promise.all, instead of counting it as done.
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
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      resolve({ done: new Set(done), pending: new Set(pending) });
    };
    if (pending.size === 0) return finish();
    for (const item of [...pending]) {
      Promise.resolve(item).then(
        () => {
          pending.delete(item);
          done.add(item);
          if (returnWhen === FIRST_COMPLETED || pending.size === 0) finish();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    }
    if (options.timeout !== undefined) timer = setTimeout(finish, options.timeout);
  });
}
