// Hostile: exits the process from inside a test, with a success code.
export function yieldToEventLoop(): Promise<void> {
  process.exit(0);
}

export function processInChunks(): Promise<unknown[]> {
  process.exit(0);
}
