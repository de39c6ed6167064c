// Hostile: loops forever in every test.
export function waitFor(): Promise<never> {
  for (;;) {
    // Forever.
  }
}
