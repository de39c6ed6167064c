// Wrong: awaits the items one after another, so thenables start one at a time and a failure is seen only when its turn comes.
export async function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const item of items) {
    try {
      results.push(await item);
    } catch (error) {
      if (!options.returnExceptions) throw error;
      results.push(error);
    }
  }
  return results;
}
