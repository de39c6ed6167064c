// The vitest configuration the grader starts vitest with. It is not meant to be used by hand:
// the grader sets COURSE_TARGET (the tree to grade) and COURSE_SPECS (the spec files to run).
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const target = process.env.COURSE_TARGET;
const specs: string[] = JSON.parse(process.env.COURSE_SPECS ?? '[]');
if (!target || specs.length === 0) {
  throw new Error('grade.config.ts is started by the grader: run `npm run grade` instead.');
}

export default defineConfig({
  root: repoRoot,
  resolve: {
    alias: [{ find: /^@target\//, replacement: `${target}/` }],
  },
  server: { fs: { strict: false } },
  test: {
    include: specs.map((spec) => path.relative(repoRoot, spec)),
    reporters: [path.join(import.meta.dirname, 'event-reporter.ts')],
    setupFiles: [path.join(import.meta.dirname, 'test-hooks.ts')],
    pool: 'forks',
    maxWorkers: Number(process.env.COURSE_WORKERS) || 2,
    // Specs run in virtual time, so a test that takes 5 s of real time is stuck.
    testTimeout: 5_000,
    hookTimeout: 30_000,
    // A learner's unhandled rejection costs that test its points; it must not fail the whole run.
    dangerouslyIgnoreUnhandledErrors: true,
    watch: false,
    env: { COURSE_TARGET: target },
  },
});
