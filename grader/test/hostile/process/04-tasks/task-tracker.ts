// Hostile: replaces the globals every other exercise relies on, hoping to change their verdicts.
const g = globalThis as Record<string, unknown>;
const attempt = (change: () => void) => {
  try {
    change();
  } catch {
    // Locked: try the next one.
  }
};
attempt(() => (g.setTimeout = (fn: () => void) => fn()));
attempt(() => (g.setImmediate = (fn: () => void) => fn()));
attempt(() => (g.queueMicrotask = () => undefined));
attempt(() => (g.Promise = class FakePromise {}));
attempt(() => ((Promise.prototype as unknown as Record<string, unknown>).then = () => undefined));
attempt(() => (AbortSignal.prototype.addEventListener = () => undefined));
attempt(() => ((EventTarget.prototype as unknown as Record<string, unknown>).dispatchEvent = () => true));
attempt(() => ((process as unknown as Record<string, unknown>).nextTick = () => undefined));
attempt(() => (Array.prototype.map = () => []));

export class TrackerClosedError extends Error {}
export class TaskTracker {
  constructor() {
    throw new Error('not implemented yet');
  }
}
