// The course's own test suite (`npm test`): the maintainer checks, the lesson examples, the
// grader's unit and end-to-end tests, and the two-way checks of the hidden specs.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: repoRoot,
  test: {
    include: ['grader/test/**/*.test.ts'],
    reporters: ['default', path.join(import.meta.dirname, 'summary-reporter.ts')],
    // Many of these tests start the grader, which starts vitest: they take seconds, not milliseconds.
    testTimeout: 180_000,
    // A beforeAll that grades a share of the wrong solutions takes minutes on a busy machine; the
    // grader's own watchdog stops any run that is stuck, so this is only a last resort.
    hookTimeout: 1_200_000,
    pool: 'forks',
  },
});
