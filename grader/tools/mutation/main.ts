// Mutation testing of the hidden specs: how many small changes to each reference solution does
// its spec notice? Prints figures and the mutants that survived; changes nothing in the course.
//
//   npm run mutation [-- <exercise or lesson>…] [--json <file>] [--concurrency <n>]
//
// For each selected exercise, one at a time:
//   1. StrykerJS mutates solutions/<lesson>/<exercise>.ts in a sandbox and runs the exercise's
//      hidden spec against every mutant (grader/tools/mutation/stryker.ts);
//   2. survivors listed in grader/specs/<lesson>/<exercise>.equivalent.json are taken off
//      (grader/tools/mutation/score.ts): score = (killed + timed out) / (mutants − equivalent);
//   3. a table per exercise and the total, then every survivor with its line, so it can be
//      killed by a stronger spec or recorded as equivalent with the reason.
// Exits with 1 when an exercise scores below 0.90 or the course below 0.95.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { files, repoRoot } from '../../src/catalogue.ts';
import { selectExercisesOrExplain } from '../../src/commands/select.ts';
import { UsageError } from '../../src/errors.ts';
import { formatDuration, pad } from '../../src/format.ts';
import { type ExerciseMutationResult, parseEquivalents, scoreMutants, totalCounts } from './score.ts';
import { runStryker } from './stryker.ts';

const EXERCISE_GOAL = 0.9;
const COURSE_GOAL = 0.95;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'string' }, concurrency: { type: 'string', default: String(Math.max(1, os.availableParallelism())) } },
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency expects a whole number of at least 1, got "${values.concurrency}".`);
  const selected = selectExercisesOrExplain(positionals);

  const results: ExerciseMutationResult[] = [];
  const lines: string[] = [];
  const survivorLines: string[] = [];
  const staleLines: string[] = [];
  const started = performance.now();
  const columns = ['mutants', 'killed', 'survived', 'timed out', 'no cov', 'equiv', 'score', 'time'];
  const header = `${pad('exercise', 30)}${columns.map((c) => c.padStart(10)).join('')}`;
  console.log(`Mutation testing: ${selected.length} reference solution(s) against their hidden specs\n\n${header}`);
  for (const exercise of selected) {
    const equivalentFile = files.equivalentMutants(exercise);
    const equivalents = existsSync(equivalentFile) ? parseEquivalents(readFileSync(equivalentFile, 'utf8'), path.relative(repoRoot, equivalentFile)) : [];
    const run = await runStryker(exercise, concurrency);
    const { counts, survivors, staleEquivalents } = scoreMutants(run.mutants, equivalents);
    results.push({ id: exercise.id, ...counts });
    const row = [counts.mutants, counts.killed, counts.survived, counts.timedOut, counts.noCoverage, counts.equivalent].map(String);
    const line = `${pad(exercise.id, 30)}${[...row, counts.score.toFixed(2), formatDuration(run.wallMs)].map((c) => c.padStart(10)).join('')}`;
    lines.push(line);
    console.log(line);
    const source = readFileSync(files.solution(exercise), 'utf8').split('\n');
    const solutionPath = path.relative(repoRoot, files.solution(exercise));
    for (const mutant of survivors) {
      const lineNumber = Number(mutant.location.split(':')[0]);
      survivorLines.push(
        `  ${solutionPath}:${mutant.location}  ${mutant.mutator}${mutant.status === 'NoCoverage' ? ' (no test runs this code)' : ''}\n` +
          `      was: ${source[lineNumber - 1]?.trim() ?? ''}\n      now: ${mutant.replacement.split('\n').join(' ').slice(0, 160)}`,
      );
    }
    for (const entry of staleEquivalents) {
      staleLines.push(`  ${path.relative(repoRoot, equivalentFile)}: ${entry.location} → ${entry.replacement.slice(0, 60)} matches no surviving mutant; remove it.`);
    }
  }
  const total = totalCounts(results);
  const totalRow = [total.mutants, total.killed, total.survived, total.timedOut, total.noCoverage, total.equivalent].map(String);
  console.log(`${pad('total', 30)}${[...totalRow, total.score.toFixed(2), formatDuration(performance.now() - started)].map((c) => c.padStart(10)).join('')}`);

  if (survivorLines.length > 0) {
    console.log(`\nSurviving mutants: each is a change no test notices. Kill it with a test, or record it in the exercise's .equivalent.json with the reason.\n${survivorLines.join('\n')}`);
  }
  if (staleLines.length > 0) console.log(`\nEquivalent mutants recorded but not found:\n${staleLines.join('\n')}`);

  if (values.json) {
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.json);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ exercises: results, total }, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    console.log(`\nJSON report written to ${file}`);
  }

  const below = results.filter((result) => result.score < EXERCISE_GOAL);
  const goalsMet = below.length === 0 && (positionals.length > 0 || total.score >= COURSE_GOAL);
  console.log(
    goalsMet
      ? `\nMutation score ${total.score.toFixed(3)}: every exercise at least ${EXERCISE_GOAL}${positionals.length > 0 ? '' : `, the course at least ${COURSE_GOAL}`}.`
      : `\nBelow the goal (${EXERCISE_GOAL} per exercise, ${COURSE_GOAL} for the course): ${below.map((r) => `${r.id} ${r.score.toFixed(2)}`).join(', ') || `course ${total.score.toFixed(3)}`}.`,
  );
  return goalsMet ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error((error as Error).message);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
