// How fast is grading? Prints figures; asserts nothing.
//
//   npm run bench [-- --runs 5]
//
// Measures, in this one process:
//   1. the grader over solutions/ (every exercise): wall time per run, hidden tests per second;
//   2. the baseline: plain `vitest run` over the same specs and target with vitest's own dot
//      reporter and no watchdog, so the ratio shows what the grader adds on top of vitest;
//   3. watch mode's save-to-verdict latency: ten saves of one exercise file in a copy of
//      solutions/, each timed from the write to the verdict, with the warm vitest server; and
//      the cold grade of the same exercise, for comparison;
//   4. batch grading (bench-batch.ts): 30 full-course submissions into a gradebook.
//
// `--json <file>` also writes the figures: { batch: { submissions, seconds, perMinute } }.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { benchBatch } from './bench-batch.ts';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exercises, files, repoRoot } from '../src/catalogue.ts';
import { grade } from '../src/commands/grade.ts';
import { WatchSession } from '../src/commands/watch.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'string' } } });
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

// 3. Save to verdict in watch mode.
const watchDir = mkdtempSync(path.join(os.tmpdir(), 'course-bench-'));
cpSync(target, path.join(watchDir, 'exercises'), { recursive: true });
process.env.COURSE_STATE_FILE = path.join(watchDir, 'state.json');
const exercise = exercises.find((e) => e.name === 'sleep')!;
const session = new WatchSession({ start: exercise, target: path.join(watchDir, 'exercises'), manual: false, timeoutSeconds: 20 });
await session.grade(); // starts the warm server
const file = session.file;
const source = readFileSync(file, 'utf8');
const saveTimes: number[] = [];
for (let i = 0; i < 10; i++) {
  const verdict = new Promise<void>((resolve) => {
    const watcher = watch(path.dirname(file), (_, changed) => {
      if (changed !== path.basename(file)) return;
      watcher.close();
      void session.grade().then(resolve);
    });
  });
  const saved = performance.now();
  writeFileSync(file, `${source}\n// save ${i}\n`);
  await verdict;
  saveTimes.push(performance.now() - saved);
  if (session.report?.status !== 'done') console.warn(`save ${i + 1}: ${session.report?.status}`);
}
session.close();
const coldTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  await grade({ filters: [exercise.id], target, timeoutSeconds: 30, quiet: true });
  coldTimes.push(performance.now() - start);
}
const saveMs = median(saveTimes);
console.log(`watch, save to verdict   ${saveMs.toFixed(0)} ms median of 10 saves of ${exercise.name}   (${saveTimes.map((t) => t.toFixed(0)).join(', ')} ms)`);
console.log(`cold grade of ${exercise.name}    ${median(coldTimes).toFixed(0)} ms median of 3; warm / cold ${(saveMs / median(coldTimes)).toFixed(2)}`);

// 4. Batch grading, as a teacher runs it.
const batch = await benchBatch(30);
console.log(`batch of ${batch.submissions} submissions   ${batch.seconds.toFixed(1)} s, ${batch.perMinute} a minute`);
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ batch }, null, 2)}\n`);
  console.log(`figures written to ${values.json}`);
}
