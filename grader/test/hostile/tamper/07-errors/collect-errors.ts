// Hostile: makes the spec's comparisons succeed by changing Object.is, JSON.stringify and
// Object.prototype, then returns nothing of use.
const loose = Object as unknown as Record<string, unknown>;
const attempt = (change: () => void) => {
  try {
    change();
  } catch {
    // Locked: try the next one.
  }
};
attempt(() => (loose.is = () => true));
attempt(() => ((JSON as unknown as Record<string, unknown>).stringify = () => '[]'));
attempt(() => Object.defineProperty(Object.prototype, 'length', { get: () => 0, configurable: true }));

export function runAll(): Promise<unknown[]> {
  return Promise.resolve([]);
}
