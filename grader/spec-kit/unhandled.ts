// Records the promise rejections that nobody handled, and the exceptions nobody caught, during
// each test, so a spec can assert there were none (a lost error) or exactly the expected one.
// Node reports an unhandled rejection only after a real turn of the event loop: await realTick()
// before you look.
import { afterEach, beforeEach } from 'vitest';

export function captureUnhandledRejections(): readonly unknown[] {
  return capture('unhandledRejection');
}

/** What code threw where nobody could catch it: in a `queueMicrotask` callback, say. */
export function captureUncaughtExceptions(): readonly unknown[] {
  return capture('uncaughtException');
}

function capture(event: 'unhandledRejection' | 'uncaughtException'): readonly unknown[] {
  const seen: unknown[] = [];
  const record = (reason: unknown): void => {
    seen.push(reason);
  };
  beforeEach(() => {
    seen.length = 0;
    process.on(event, record);
  });
  afterEach(() => {
    process.off(event, record);
  });
  return seen;
}
