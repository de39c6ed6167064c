// Hostile: makes every assertion pass by changing the test framework's matchers and chai's
// assertion, reached without importing vitest, then returns nothing of use.
const g = globalThis as unknown as Record<symbol, unknown>;
const theExpect = g[Symbol.for(['expect', 'global'].join('-'))] as ((value: unknown) => object) & { extend(matchers: object): void };
const pass = () => ({ pass: true, message: () => '' });
try {
  theExpect.extend({ toBe: pass, toEqual: pass, toStrictEqual: pass, toBeUndefined: pass, toBeInstanceOf: pass, toHaveLength: pass, toBeGreaterThan: pass, toThrow: pass });
} catch {
  // Keep going.
}
try {
  const assertion = Object.getPrototypeOf(theExpect(0)) as Record<string, unknown>;
  assertion.assert = () => undefined;
} catch {
  // Keep going.
}

export function firstSuccess(): Promise<unknown> {
  return Promise.resolve(undefined);
}
