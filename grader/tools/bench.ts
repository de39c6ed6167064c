// How fast is grading? Prints figures; asserts nothing.
//
//   npm run bench [-- --runs 5] [--json <file>]
//
// Measures, in this one process:
//   1. the grader over solutions/ (every exercise), in its sandbox: wall time per run, hidden
//      tests per second;
//   2. the floor: a bare `vitest run --no-isolate` over the same specs and target with vitest's
//      own dot reporter, no sandbox and no watchdog, where every spec file shares its worker: the
//      ratio shows what the grader's isolation, sandbox and watchdog cost on top of vitest; and the
//      isolated floor, the same bare run with one process per spec file as the grader has: what
//      isolation alone costs, and what the grader adds to it;
//   3. watch mode's save-to-verdict latency: ten saves of one exercise file in a copy of
//      solutions/, each timed from the write to the verdict, with the warm vitest server; and
//      the cold grade of the same exercise, for comparison;
//   4. batch grading (bench-batch.ts): 30 full-course submissions into a gradebook.
//
// `--json <file>` also writes the figures: { fullGrade: { median_s }, floor: { median_s }, ratio,
// watch: { median_s }, batch: { submissions, seconds, perMinute }, … }.
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
import { sandboxLayers } from '../src/run/sandbox.ts';
import { inheritedEnv } from '../src/run/vitest-process.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs) || 3);
const target = path.join(repoRoot, 'solutions');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const floorArgs = ['run', '--config', 'grader/src/run/grade.config.ts', '--configLoader', 'runner', '--no-isolate', '--pool=forks', '--reporter=dot'];
const isolatedFloorArgs = floorArgs.filter((arg) => arg !== '--no-isolate');
// The floors run in the environment the grader gives its own runs (inheritedEnv), so that the
// ratio compares the runners alone.
const floorEnv = { ...inheritedEnv(), COURSE_TARGET: target, COURSE_SPECS: JSON.stringify(exercises.map((e) => files.spec(e))), COURSE_BARE: '1', NO_COLOR: '1' };

// The grader and the floor take turns, so that a change in the machine's load touches both.
const graderTimes: number[] = [];
const baselineTimes: number[] = [];
const isolatedTimes: number[] = [];
let tests = 0;
for (let i = 0; i < runs; i++) {
  let start = performance.now();
  const report = await grade({ filters: [], target, timeoutSeconds: 30, quiet: true });
  graderTimes.push(performance.now() - start);
  tests = report.exercises.reduce((n, e) => n + e.tests.length, 0);

  start = performance.now();
  const result = spawnSync(process.execPath, [vitestBin, ...floorArgs], { cwd: repoRoot, env: floorEnv, encoding: 'utf8' });
  baselineTimes.push(performance.now() - start);
  if (result.status !== 0) console.warn(`floor run ${i + 1} exited with ${result.status}`);

  start = performance.now();
  const isolated = spawnSync(process.execPath, [vitestBin, ...isolatedFloorArgs], { cwd: repoRoot, env: floorEnv, encoding: 'utf8' });
  isolatedTimes.push(performance.now() - start);
  if (isolated.status !== 0) console.warn(`isolated floor run ${i + 1} exited with ${isolated.status}`);
}

const graderMs = median(graderTimes);
const baselineMs = median(baselineTimes);
const isolatedMs = median(isolatedTimes);
console.log(`exercises                ${exercises.length}`);
console.log(`hidden tests             ${tests}`);
console.log(`runs                     ${runs}`);
console.log(`grader, median wall      ${(graderMs / 1000).toFixed(2)} s   (runs: ${graderTimes.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
console.log(`grader, tests per second ${(tests / (graderMs / 1000)).toFixed(0)}`);
console.log(`floor (--no-isolate)     ${(baselineMs / 1000).toFixed(2)} s   (runs: ${baselineTimes.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
console.log(`grader / floor           ${(graderMs / baselineMs).toFixed(2)}`);
console.log(`isolated floor           ${(isolatedMs / 1000).toFixed(2)} s   (runs: ${isolatedTimes.map((t) => (t / 1000).toFixed(2)).join(', ')}): one process per spec file, as the grader runs them`);
console.log(`grader / isolated floor  ${(graderMs / isolatedMs).toFixed(2)}`);
const layers = sandboxLayers();
console.log(`sandbox                  ${layers.bwrap ? 'bubblewrap + ' : ''}${layers.permissions ? 'permission model + ' : ''}${layers.imports ? 'import check' : ''}${layers.notes.length > 0 ? ` (${layers.notes.join('; ')})` : ''}`);

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
  const seconds = (ms: number) => Number((ms / 1000).toFixed(3));
  const figures = {
    exercises: exercises.length,
    tests,
    runs,
    sandbox: { bwrap: layers.bwrap, permissions: layers.permissions, imports: layers.imports },
    fullGrade: { median_s: seconds(graderMs), runs_s: graderTimes.map(seconds) },
    floor: { median_s: seconds(baselineMs), runs_s: baselineTimes.map(seconds) },
    ratio: Number((graderMs / baselineMs).toFixed(2)),
    isolatedFloor: { median_s: seconds(isolatedMs), runs_s: isolatedTimes.map(seconds), ratio: Number((graderMs / isolatedMs).toFixed(2)) },
    watch: { median_s: seconds(saveMs), runs_s: saveTimes.map(seconds), coldGrade_s: seconds(median(coldTimes)) },
    batch,
  };
  writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nFigures written to ${values.json}`);
}
