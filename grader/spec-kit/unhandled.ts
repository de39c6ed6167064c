// Records the promise rejections that nobody handled during each test, so a spec can assert
// there were none (a lost error) or exactly the expected one. Node reports an unhandled
// rejection only after a real turn of the event loop: await realTick() before you look.
import { afterEach, beforeEach } from 'vitest';

export function captureUnhandledRejections(): readonly unknown[] {
  const seen: unknown[] = [];
  const record = (reason: unknown): void => {
    seen.push(reason);
  };
  beforeEach(() => {
    seen.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });
  return seen;
}
