// The vitest configuration that Stryker runs the hidden specs with during `npm run mutation`.
// Stryker copies the repository into a sandbox and mutates solutions/ there, so `@target/`
// points at the sandbox's own solutions/ and the one spec named by COURSE_MUTATION_SPEC runs.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const spec = process.env.COURSE_MUTATION_SPEC;
if (!spec) throw new Error('This configuration is started by `npm run mutation`.');

export default defineConfig({
  root: repoRoot,
  resolve: {
    alias: [{ find: /^@target\//, replacement: `${path.join(repoRoot, 'solutions')}/` }],
  },
  test: {
    include: [spec],
    testTimeout: 5_000,
    hookTimeout: 30_000,
    // A mutant that leaves a rejection unhandled fails the test that saw it, as in grading.
    dangerouslyIgnoreUnhandledErrors: true,
    env: { COURSE_TARGET: path.join(repoRoot, 'solutions') },
  },
});
