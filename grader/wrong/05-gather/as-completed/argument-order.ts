// Wrong: awaits the items in argument order, so a slow first item holds back the fast ones.
export async function* asCompleted<T>(items: Iterable<T | PromiseLike<T>>): AsyncGenerator<T, void, undefined> {
  for (const item of items) yield await item;
}
