// `npm run grade -- --batch <folder> --out <dir> [--shard i/n]` and `npm run grade -- --merge <dir>… --out <dir>`.
//
// Every entry of the batch folder is one student's submission. Each is copied into a clean
// folder (submission.ts), graded by the grader's one runner against the hidden specs, and written
// as <out>/reports/<student>.json (the grader's JSON report, with the student and what it was
// graded from) and <out>/feedback/<student>.md. A submission that cannot be graded scores 0 with
// its reason and the batch goes on. The gradebook, <out>/gradebook.csv, is written last and
// atomically from the reports. A run that is started again skips every student whose report is
// there and was graded from the same files against the same specs, so it resumes where a crash
// stopped it, and a finished batch run again writes the same gradebook byte for byte.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Exercise, files } from '../catalogue.ts';
import { selectExercisesOrExplain } from '../commands/select.ts';
import { UsageError } from '../errors.ts';
import { runSpecs } from '../run/run-specs.ts';
import { type ExerciseReport, type GradeReport, scoreExercise, totalOf } from '../score.ts';
import { feedbackMarkdown } from './feedback.ts';
import { hiddenSpecsHash, writeFileAtomic } from './files.ts';
import { gradebookCsv, type StudentReport } from './gradebook.ts';
import { type PreparedSubmission, prepareSubmission } from './submission.ts';

export interface BatchOptions {
  /** The folder of submissions, one entry per student. */
  folder: string;
  /** Where reports, feedback and the gradebook go. */
  out: string;
  /** Exercise filters; none means every exercise. */
  filters: readonly string[];
  /** Grade only the i-th of n shares of the students (1-based). */
  shard?: { index: number; count: number };
  timeoutSeconds: number;
  /** Submissions graded at once (default: one per core; each also waits on I/O and its vitest main process). */
  jobs?: number;
  /** vitest workers per submission. */
  workers?: number;
  /** Print no progress. */
  quiet?: boolean;
}

export interface BatchResult {
  students: string[];
  graded: number;
  resumed: number;
  gradebook: string;
  seconds: number;
}

/** The students of a batch folder, in a stable order: every entry but hidden ones. */
export function studentsOf(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => !name.startsWith('.'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The students of shard `index` of `count`: every count-th one, so shards are disjoint and cover them all. */
export function shardOf<T>(students: readonly T[], shard: { index: number; count: number } | undefined): T[] {
  if (!shard) return [...students];
  return students.filter((_, i) => i % shard.count === shard.index - 1);
}

export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n, got "${value}". For example: npm run grade -- --batch submissions --out grades --shard 2/4`);
  }
  return { index, count };
}

export async function batchGrade(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const selected = selectExercisesOrExplain(options.filters);
  const folder = options.folder;
  const students = shardOf(studentsOf(folder), options.shard);
  const specsHash = hiddenSpecsHash();
  const work = mkdtempSync(path.join(os.tmpdir(), 'course-batch-'));
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const workers = options.workers ?? 2;
  const ids = selected.map((exercise) => exercise.id);
  let emptyGrade: (() => Promise<GradeReport>) | undefined;
  const progress = new Progress(students.length, jobs, Boolean(options.quiet));
  const reports = new Map<string, StudentReport>();
  let graded = 0;
  let resumed = 0;

  const gradeOne = async (student: string): Promise<void> => {
    const reportFile = path.join(options.out, 'reports', `${student}.json`);
    const feedbackFile = path.join(options.out, 'feedback', `${student}.md`);
    const prepared = prepareSubmission(path.join(folder, student), path.join(work, student), selected);
    const previous = readReport(reportFile);
    if (
      previous &&
      previous.batch?.specsHash === specsHash &&
      previous.batch.submissionHash === prepared.hash &&
      previous.exercises.map((exercise) => exercise.id).join() === ids.join() &&
      existsSync(feedbackFile)
    ) {
      reports.set(student, previous);
      resumed++;
      progress.step(student, previous, true);
      return;
    }
    const gradeStarted = performance.now();
    emptyGrade ??= lazyEmpty(() => gradeTree(selected, emptyTarget(work), options.timeoutSeconds, workers));
    const result = await gradePrepared(prepared, selected, options.timeoutSeconds, workers, emptyGrade);
    const report: StudentReport = {
      target: student,
      student,
      ...result,
      batch: { specsHash, submissionHash: prepared.hash, ...(prepared.reason ? { reason: prepared.reason } : {}), notes: prepared.notes },
    };
    rmSync(path.join(work, student), { recursive: true, force: true });
    writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    writeFileAtomic(feedbackFile, feedbackMarkdown(report));
    reports.set(student, report);
    graded++;
    progress.step(student, report, false, performance.now() - gradeStarted);
  };

  try {
    const queue = [...students];
    await Promise.all(
      Array.from({ length: Math.min(jobs, queue.length) }, async () => {
        for (let student = queue.shift(); student !== undefined; student = queue.shift()) await gradeOne(student);
      }),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const gradebook = path.join(options.out, 'gradebook.csv');
  writeFileAtomic(gradebook, gradebookCsv(students.map((student) => reports.get(student)!)));
  progress.end(gradebook);
  return { students, graded, resumed, gradebook, seconds: (performance.now() - started) / 1000 };
}

/** Merges the out folders of several shards into one: their reports and feedback, and one gradebook. */
export function mergeBatches(dirs: readonly string[], out: string): { students: string[]; gradebook: string } {
  if (dirs.length === 0) throw new UsageError('Name the folders to merge, for example: npm run grade -- --merge shard-1 shard-2 --out grades');
  const reports = new Map<string, { report: StudentReport; dir: string }>();
  for (const dir of dirs) {
    const reportDir = path.join(dir, 'reports');
    if (!existsSync(reportDir) || !statSync(reportDir).isDirectory()) {
      throw new UsageError(`${dir} holds no reports/ folder: give the --out folders of batch runs, for example: npm run grade -- --merge shard-1 shard-2 --out grades`);
    }
    for (const name of readdirSync(reportDir).filter((file) => file.endsWith('.json') && !file.startsWith('.')).sort()) {
      const report = readReport(path.join(reportDir, name));
      if (!report) throw new UsageError(`${path.join(reportDir, name)} is not a batch report; grade that shard again.`);
      const before = reports.get(report.student);
      if (before && JSON.stringify(before.report) !== JSON.stringify(report)) {
        throw new UsageError(`${report.student} was graded differently in ${before.dir} and in ${dir}; grade the student again in one of them.`);
      }
      reports.set(report.student, { report, dir });
    }
  }
  const all = [...reports.values()].map(({ report }) => report);
  const specs = new Set(all.map((report) => report.batch.specsHash));
  const exerciseSets = new Set(all.map((report) => report.exercises.map((exercise) => exercise.id).join()));
  if (specs.size > 1) throw new UsageError('These shards were graded against different hidden specs; grade them again with the same copy of the course.');
  if (exerciseSets.size > 1) throw new UsageError('These shards graded different exercises; grade them again with the same exercise filters.');
  for (const { report, dir } of reports.values()) {
    if (path.resolve(dir) === path.resolve(out)) continue;
    writeFileAtomic(path.join(out, 'reports', `${report.student}.json`), `${JSON.stringify(report, null, 2)}\n`);
    const feedback = path.join(dir, 'feedback', `${report.student}.md`);
    writeFileAtomic(path.join(out, 'feedback', `${report.student}.md`), existsSync(feedback) ? readFileSync(feedback, 'utf8') : feedbackMarkdown(report));
  }
  const gradebook = path.join(out, 'gradebook.csv');
  writeFileAtomic(gradebook, gradebookCsv(all));
  return { students: all.map((report) => report.student).sort(), gradebook };
}

/** Calls `make` once, on the first call, and keeps its promise. */
function lazyEmpty<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

/**
 * Grades a prepared submission: the runner over its clean copy, then every exercise the
 * preparation found a problem with at 0 with that reason. A submission with nothing to grade
 * scores 0 everywhere with its reason; `empty()` grades an empty tree, for the list of tests.
 */
export async function gradePrepared(
  prepared: PreparedSubmission,
  selected: readonly Exercise[],
  timeoutSeconds: number,
  workers: number,
  empty: () => Promise<GradeReport>,
): Promise<Pick<GradeReport, 'total' | 'exercises'>> {
  if (!prepared.target) {
    const exercises = (await empty()).exercises.map((exercise) => zeroed(exercise, prepared.reason!));
    return { total: totalOf(exercises), exercises };
  }
  const graded = await gradeTree(selected, prepared.target, timeoutSeconds, workers);
  const exercises = graded.exercises.map((exercise) => {
    const problem = prepared.problems.get(exercise.id);
    return problem ? zeroed(exercise, problem) : withShownPaths(exercise, prepared.target!);
  });
  return { total: totalOf(exercises), exercises };
}

/** Grades one tree with the grader's runner, as `npm run grade` does. */
export async function gradeTree(selected: readonly Exercise[], target: string, timeoutSeconds: number, workers: number): Promise<GradeReport> {
  const outcomes = await runSpecs({ target, specFiles: selected.map((exercise) => files.spec(exercise)), fileTimeoutMs: timeoutSeconds * 1000, workers });
  const exercises = selected.map((exercise) => scoreExercise(exercise, outcomes.get(files.spec(exercise))!, target));
  return { target, total: totalOf(exercises), exercises };
}

export function emptyTarget(work: string): string {
  const dir = mkdtempSync(path.join(work, '.empty-'));
  return dir;
}

function zeroed(exercise: ExerciseReport, message: string): ExerciseReport {
  return { ...exercise, points: 0, status: 'load-error', message, tests: exercise.tests.map((test) => ({ ...test, status: 'failed', points: 0, message })) };
}

/** Messages name the student's files as exercises/…, not the temporary copy that was graded. */
function withShownPaths(exercise: ExerciseReport, target: string): ExerciseReport {
  const shown = (text: string | undefined) => text?.split(`${target}${path.sep}`).join('exercises/').split(target).join('exercises');
  return {
    ...exercise,
    ...(exercise.message === undefined ? {} : { message: shown(exercise.message) }),
    tests: exercise.tests.map((test) => (test.message === undefined ? test : { ...test, message: shown(test.message)! })),
  };
}

function readReport(file: string): StudentReport | undefined {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as StudentReport;
    return typeof report.student === 'string' && Array.isArray(report.exercises) && report.batch ? report : undefined;
  } catch {
    return undefined;
  }
}

/** Students done and time left, on stderr: one line rewritten in place on a terminal, a line per student otherwise. */
class Progress {
  private done = 0;
  private gradedMs: number[] = [];
  private readonly started = performance.now();
  private readonly total: number;
  private readonly jobs: number;
  private readonly quiet: boolean;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(total: number, jobs: number, quiet: boolean) {
    this.total = total;
    this.jobs = jobs;
    this.quiet = quiet;
  }

  step(student: string, report: StudentReport, resumed: boolean, ms = 0): void {
    this.done++;
    if (!resumed) this.gradedMs.push(ms);
    if (this.quiet) return;
    const left = this.total - this.done;
    const average = this.gradedMs.length > 0 ? this.gradedMs.reduce((a, b) => a + b, 0) / this.gradedMs.length : 0;
    const eta = left === 0 ? 'done' : average > 0 ? `about ${Math.ceil((average * left) / this.jobs / 1000)} s left` : 'estimating the time left';
    const line = `[${this.done}/${this.total}] ${student}: ${report.total.points}/${report.total.maxPoints}${resumed ? ' (already graded)' : ''} · ${eta}`;
    if (this.tty) process.stderr.write(`\r\u001b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  end(gradebook: string): void {
    if (this.quiet) return;
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(`${this.tty ? '\n' : ''}Graded ${this.total} submissions in ${seconds} s. Gradebook: ${gradebook}\n`);
  }
}
