// `npm run grade [filter…] [--target dir] [--json file]`: grades a tree against the hidden specs.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { files, repoRoot } from '../catalogue.ts';
import { UsageError } from '../errors.ts';
import { writeJsonReport } from '../report/json.ts';
import { renderTable } from '../report/table.ts';
import { runSpecs } from '../run/run-specs.ts';
import { type GradeReport, scoreExercise, totalOf } from '../score.ts';
import { loadProgress, recordVerdicts, saveProgress } from '../state.ts';
import { selectExercisesOrExplain } from './select.ts';

export interface GradeOptions {
  /** Exercise filters; none means every exercise. */
  filters: readonly string[];
  /** The tree to grade, relative to the current directory; default `exercises`. */
  target: string;
  /** Where to write the JSON report, if anywhere. */
  json?: string;
  /** Wall-clock budget per exercise before the watchdog calls it stuck. */
  timeoutSeconds: number;
  /** Print the table (false for machine use). */
  quiet?: boolean;
}

export async function grade(options: GradeOptions): Promise<GradeReport> {
  const selected = selectExercisesOrExplain(options.filters);
  const target = resolveTarget(options.target);
  const specFiles = selected.map((exercise) => files.spec(exercise));
  const missing = specFiles.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new UsageError(
      `The hidden specs are not in this copy of the course (${path.relative(process.cwd(), missing[0]!)} is missing).\n` +
        'Run the visible tests with `npm run check` instead; your teacher grades with the hidden specs.',
    );
  }
  const outcomes = await runSpecs({ target, specFiles, fileTimeoutMs: options.timeoutSeconds * 1000 });
  const exercises = selected.map((exercise) => scoreExercise(exercise, outcomes.get(files.spec(exercise))!, target));
  const report: GradeReport = { target: options.target, total: totalOf(exercises), exercises };
  // Grading the learner's own exercises updates their progress, which watch mode and hint read.
  if (target === path.join(repoRoot, 'exercises') && !options.quiet) {
    saveProgress(recordVerdicts(loadProgress(), exercises.map((exercise) => ({ id: exercise.id, done: exercise.status === 'done' }))));
  }
  if (options.json) writeJsonReport(report, options.json);
  if (!options.quiet) {
    console.log(renderTable(report, `${path.relative(process.cwd(), target) || '.'}/`));
    if (options.json) console.log(`\nJSON report written to ${options.json}`);
  }
  return report;
}

export function resolveTarget(target: string): string {
  // npm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  const absolute = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError(
      `The target folder "${target}" does not exist. Give a folder laid out like exercises/ (one folder per lesson), for example \`npm run grade -- --target solutions\`.`,
    );
  }
  return absolute;
}
