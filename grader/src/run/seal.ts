// Seals: how the grader tells a verdict the spec reached from one the code under test made up.
//
// Each vitest process gets a fresh random key (COURSE_SEAL_KEY). Inside a worker, test-hooks.ts
// reads it and removes it from the environment before any submitted code runs, works out the
// seal of every test of the file (an HMAC of the test's id), and forgets the key. A test's seal
// goes into its metadata only when the test function itself returned without an error, so a
// result that says "passed" without the right seal was not produced by the spec: the grader
// counts it as failed. The key never reaches the code under test, which cannot compute a seal.
import { createHmac, randomBytes } from 'node:crypto';

export const SEAL_ENV = 'COURSE_SEAL_KEY';

export function newSealKey(): string {
  return randomBytes(32).toString('hex');
}

export function sealOf(key: string, testId: string): string {
  return createHmac('sha256', key).update(`pass:${testId}`).digest('hex');
}
