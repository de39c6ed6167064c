// How fast is grading? Prints figures; asserts nothing.
//
//   npm run bench [-- --runs 5]
//
// Measures, in this one process:
//   1. the grader over solutions/ (every exercise): wall time per run, hidden tests per second;
//   2. the baseline: plain `vitest run` over the same specs and target with vitest's own dot
//      reporter and no watchdog, so the ratio shows what the grader adds on top of vitest.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exercises, files, repoRoot } from '../src/catalogue.ts';
import { grade } from '../src/commands/grade.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs) || 3);
const target = path.join(repoRoot, 'solutions');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const graderTimes: number[] = [];
let tests = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const report = await grade({ filters: [], target, timeoutSeconds: 30, quiet: true });
  graderTimes.push(performance.now() - start);
  tests = report.exercises.reduce((n, e) => n + e.tests.length, 0);
}

const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const baselineTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [vitestBin, 'run', '--config', 'grader/src/run/grade.config.ts', '--reporter=dot'], {
    cwd: repoRoot,
    env: { ...process.env, COURSE_TARGET: target, COURSE_SPECS: JSON.stringify(exercises.map((e) => files.spec(e))), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  baselineTimes.push(performance.now() - start);
  if (result.status !== 0) console.warn(`baseline run ${i + 1} exited with ${result.status}`);
}

const graderMs = median(graderTimes);
const baselineMs = median(baselineTimes);
console.log(`exercises                ${exercises.length}`);
console.log(`hidden tests             ${tests}`);
console.log(`runs                     ${runs}`);
console.log(`grader, median wall      ${(graderMs / 1000).toFixed(2)} s   (runs: ${graderTimes.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
console.log(`grader, tests per second ${(tests / (graderMs / 1000)).toFixed(0)}`);
console.log(`vitest alone, median     ${(baselineMs / 1000).toFixed(2)} s   (runs: ${baselineTimes.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
console.log(`grader / vitest alone    ${(graderMs / baselineMs).toFixed(2)}`);
