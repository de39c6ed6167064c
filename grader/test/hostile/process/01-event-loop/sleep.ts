// Hostile: exits the worker's process as soon as it is imported.
process.exit(0);

export function sleep(): Promise<void> {
  throw new Error('not implemented yet');
}
