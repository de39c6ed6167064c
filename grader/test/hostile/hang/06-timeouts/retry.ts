// Hostile: returns a promise that never settles, in every test.
export function retry(): Promise<never> {
  return new Promise(() => undefined);
}
