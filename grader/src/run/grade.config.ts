// The vitest configuration the grader starts vitest with. It is not meant to be used by hand:
// the grader sets COURSE_TARGET (the tree to grade), COURSE_SPECS (the spec files to run) and
// the sandbox's settings (vitest-process.ts, sandbox.ts).
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { importCheck } from './import-check.ts';
import { createPoolWorker } from './pool-worker.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const target = process.env.COURSE_TARGET;
const specs: string[] = JSON.parse(process.env.COURSE_SPECS ?? '[]');
if (!target || specs.length === 0) {
  throw new Error('grade.config.ts is started by the grader: run `npm run grade` instead.');
}
const scratch = process.env.COURSE_SCRATCH_DIR;
// `npm run bench` measures a floor: the same specs with vitest alone, none of the grader's parts.
const bare = process.env.COURSE_BARE === '1';

export default defineConfig({
  root: repoRoot,
  resolve: {
    alias: [{ find: /^@target\//, replacement: `${target}/` }],
  },
  // What submitted code may import is checked where it is resolved, in this trusted process.
  plugins: process.env.COURSE_IMPORT_CHECK === '0' || bare ? [] : [importCheck(target)],
  server: { fs: { strict: false } },
  cacheDir: scratch ? path.join(path.dirname(scratch), 'vite-cache') : undefined,
  test: {
    include: specs.map((spec) => path.relative(repoRoot, spec)),
    reporters: [path.join(import.meta.dirname, 'event-reporter.ts')],
    setupFiles: bare ? [] : [path.join(import.meta.dirname, 'test-hooks.ts')],
    // vitest's forks, one fresh process per spec file (pool-worker.ts says what differs).
    pool: { name: 'course-forks', createPoolWorker },
    maxWorkers: Number(process.env.COURSE_WORKERS) || 2,
    // The sandbox's Node options for the workers (sandbox.ts): the permission model and limits.
    execArgv: JSON.parse(process.env.COURSE_WORKER_EXEC_ARGV ?? '[]'),
    // Specs run in virtual time, so a test that takes 5 s of real time is stuck (the grader's
    // watchdog, run-specs.ts, waits a second longer).
    testTimeout: Math.max(1_000, (Number(process.env.COURSE_TEST_TIMEOUT_MS) || 6_000) - 1_000),
    hookTimeout: 30_000,
    // A learner's unhandled rejection costs that test its points; it must not fail the whole run.
    dangerouslyIgnoreUnhandledErrors: true,
    // What the code under test prints is nobody's business but its own.
    silent: true,
    // The specs keep no snapshots; vitest looks for them where the workers may read.
    resolveSnapshotPath: (testPath, extension) => path.join(scratch ?? path.dirname(testPath), `${path.basename(testPath)}${extension}`),
    watch: false,
    env: {
      COURSE_TARGET: target,
      ...(scratch ? { TMPDIR: scratch, TMP: scratch, TEMP: scratch, HOME: scratch } : {}),
    },
  },
});
