// Wrong: ignores the signal entirely, so an aborted sleep still resolves after ms.
export interface SleepOptions {
  signal?: AbortSignal;
}

export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
