// Do the hidden specs give the same verdict on a busy machine? Grades everything many times
// while other processes keep every core busy, and fails if any single test's verdict changes.
//
//   npm run determinism [-- --runs 20] [--load <busy processes>]
//
// Each run grades, with the grader's default settings:
//   1. the reference solutions and the untouched stubs, every exercise;
//   2. every wrong solution in grader/wrong/ and every right one in grader/right/, in rounds
//      (grader/tools/candidates.ts).
// A verdict is one hidden test's pass or fail for one graded file; the first run's verdicts are
// the baseline and every later run is compared with it. Exits with 1 if any verdict changed.
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../src/catalogue.ts';
import { grade } from '../src/commands/grade.ts';
import { formatDuration } from '../src/format.ts';
import { candidates, rounds } from './candidates.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, load: { type: 'string', default: String(os.availableParallelism()) } },
});
const runs = Number(values.runs);
const load = Number(values.load);
if (!Number.isInteger(runs) || runs < 2 || !Number.isInteger(load) || load < 0) {
  console.error(`--runs expects a whole number of at least 2 and --load a whole number of at least 0; got --runs ${values.runs} --load ${values.load}.`);
  process.exit(2);
}

interface Job {
  /** What is graded, for the report: `solutions`, `wrong/01-event-loop/sleep/leaks-timer.ts`. */
  label: (exerciseId: string) => string;
  target: string;
  filters: string[];
}

const jobs: Job[] = [
  { label: () => 'solutions', target: path.join(repoRoot, 'solutions'), filters: [] },
  { label: () => 'stubs', target: path.join(repoRoot, 'exercises'), filters: [] },
  ...(['wrong', 'right'] as const).flatMap((kind) =>
    rounds(candidates(kind)).map((round) => ({
      label: (id: string) => `${kind}/${id}/${round.candidates.find((candidate) => candidate.exercise.id === id)!.name}`,
      target: round.target,
      filters: round.candidates.map((candidate) => candidate.exercise.id),
    })),
  ),
];

/** Verdicts of one run: `label › test name` → passed or failed (with the exercise's status). */
async function gradeEverything(): Promise<Map<string, string>> {
  const verdicts = new Map<string, string>();
  for (const job of jobs) {
    const report = await grade({ filters: job.filters, target: job.target, timeoutSeconds: 20, quiet: true });
    for (const exercise of report.exercises) {
      for (const test of exercise.tests) verdicts.set(`${job.label(exercise.id)} › ${test.name}`, `${test.status} (${exercise.status})`);
    }
  }
  return verdicts;
}

const busy: ChildProcess[] = Array.from({ length: load }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoad = () => busy.forEach((child) => child.kill('SIGKILL'));
process.on('exit', stopLoad);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

console.log(`Grading ${jobs.length} targets ${runs} times, with ${load} busy process(es) on ${os.availableParallelism()} core(s).`);
const started = performance.now();
let baseline: Map<string, string> | undefined;
const changes: string[] = [];
for (let run = 1; run <= runs; run++) {
  const runStarted = performance.now();
  const verdicts = await gradeEverything();
  let changed = 0;
  if (!baseline) baseline = verdicts;
  else {
    for (const key of new Set([...baseline.keys(), ...verdicts.keys()])) {
      if (baseline.get(key) !== verdicts.get(key)) {
        changed++;
        changes.push(`  run ${run}: ${key}: ${baseline.get(key) ?? 'absent'} → ${verdicts.get(key) ?? 'absent'}`);
        // Said at once as well, so that a long run can be looked into while it goes on.
        console.log(changes.at(-1));
      }
    }
  }
  console.log(`run ${String(run).padStart(2)}/${runs}: ${verdicts.size} verdicts, ${changed} changed, ${formatDuration(performance.now() - runStarted)}`);
}
stopLoad();

const total = baseline!.size * runs;
console.log(`\n${runs} runs × ${baseline!.size} verdicts = ${total} verdicts in ${formatDuration(performance.now() - started)}; ${changes.length} changed.`);
if (changes.length > 0) {
  console.log(`\nVerdicts that changed from the first run:\n${changes.join('\n')}`);
  process.exit(1);
}
