// `npm run watch [-- <exercise>] [--manual]`: the learner's loop, the way rustlings does it.
// It opens the first exercise that is not done (or the one named), grades it against the hidden
// specs every time its file is saved, shows the verdict, and moves on to the next exercise once
// this one is done. One vitest server stays warm (warmVitest), so a save is graded in a fraction
// of a second. Progress (done, hints revealed, the current exercise) is kept in the state file.
//
// Keys: h next hint · n next exercise · l list · r re-run · q quit. With --manual, or where the
// file system cannot be watched, Enter re-runs, and keys are typed as a line (h, then Enter).
import { existsSync, type FSWatcher, watch as watchFiles } from 'node:fs';
import path from 'node:path';
import { createInterface, emitKeypressEvents } from 'node:readline';
import { type Exercise, exercises, files } from '../catalogue.ts';
import { colour, formatDuration, glyph, plural, progressBar } from '../format.ts';
import { suggestionFor } from '../guidance.ts';
import { details, row } from '../report/table.ts';
import { runSpecs } from '../run/run-specs.ts';
import { warmVitest } from '../run/vitest-process.ts';
import { type ExerciseReport, scoreExercise } from '../score.ts';
import { loadProgress, type Progress, recordVerdicts, saveProgress, stateFile } from '../state.ts';

export interface WatchOptions {
  /** An exercise to start with instead of the first one not done. */
  start?: Exercise;
  /** The tree the learner edits; `exercises/` unless a test says otherwise. */
  target: string;
  /** Re-run on Enter instead of on save. */
  manual: boolean;
  timeoutSeconds: number;
}

/** What watch mode does; the terminal is one way to drive it, the benchmark another. */
export class WatchSession {
  progress: Progress;
  current: Exercise | undefined;
  report: ExerciseReport | undefined;
  note: string[] = [];
  lastGradeMs = 0;
  /** Grades wait for Enter: --manual, or a file system that cannot be watched. */
  manual: boolean;
  /** Watching the file failed, so grades wait for Enter although --manual was not given. */
  unwatchable = false;
  readonly firstVisit: boolean;
  readonly options: WatchOptions;
  private readonly vitest;

  constructor(options: WatchOptions) {
    this.options = options;
    this.manual = options.manual;
    this.firstVisit = !existsSync(stateFile());
    this.progress = loadProgress();
    const resume = exercises.find((exercise) => exercise.id === this.progress.current && !this.progress.done.includes(exercise.id));
    this.current = options.start ?? resume ?? exercises.find((exercise) => !this.progress.done.includes(exercise.id)) ?? exercises.at(-1);
    this.vitest = warmVitest(options.target, exercises.map((exercise) => files.spec(exercise)));
  }

  get file(): string {
    return files.module(this.options.target, this.current!);
  }

  /**
   * Grades the current exercise; when it is done, records it and moves on to the next one. What
   * the screen said about the grade before (an exercise done, a hint used up) is news no more.
   */
  async grade(): Promise<void> {
    this.note = [];
    await this.gradeCurrent();
  }

  private async gradeCurrent(): Promise<void> {
    const exercise = this.current!;
    const started = performance.now();
    const outcomes = await runSpecs({
      target: this.options.target,
      specFiles: [files.spec(exercise)],
      fileTimeoutMs: this.options.timeoutSeconds * 1000,
      vitest: this.vitest,
    });
    this.lastGradeMs = performance.now() - started;
    this.report = scoreExercise(exercise, outcomes.get(files.spec(exercise))!, this.options.target);
    const wasDone = this.progress.done.includes(exercise.id);
    this.progress = recordVerdicts(this.progress, [{ id: exercise.id, done: this.report.status === 'done' }]);
    if (this.report.status === 'done' && !wasDone) {
      const next = exercises.find((candidate) => !this.progress.done.includes(candidate.id));
      this.note = [
        colour.green(`${glyph.pass} ${exercise.name} is done: ${this.report.points}/${this.report.maxPoints}. Well played!`),
        `Compare with the reference solution: npm run solution -- ${exercise.name}`,
      ];
      if (next) {
        this.note.push(`On to the next exercise: ${next.id}.`);
        this.moveTo(next);
        await this.gradeCurrent();
        return;
      }
      this.note.push(colour.green('That was the last one: every exercise of the course is done.'));
    }
    this.save();
  }

  /** The next hint of the current exercise, remembered in the state file. */
  revealHint(): void {
    const id = this.current!.id;
    const shown = this.progress.hintsShown[id] ?? 0;
    if (shown >= this.current!.hints.length) {
      this.note = [`All ${this.current!.hints.length} hints of ${this.current!.name} are shown. The lesson has the rest: lessons/${this.current!.lesson}.md`];
      return;
    }
    this.progress.hintsShown[id] = shown + 1;
    this.note = [];
    this.save();
  }

  /** Moves to the exercise after the current one in course order. */
  nextExercise(): boolean {
    const index = exercises.findIndex((exercise) => exercise.id === this.current!.id);
    const next = exercises[index + 1];
    if (!next) {
      this.note = ['This is the last exercise of the course.'];
      return false;
    }
    this.note = [];
    this.moveTo(next);
    return true;
  }

  listLines(): string[] {
    let lesson = '';
    const lines: string[] = [];
    for (const exercise of exercises) {
      if (exercise.lesson !== lesson) {
        lesson = exercise.lesson;
        lines.push(colour.bold(`${lesson.slice(0, 2)} · ${exercise.lessonTitle}`));
      }
      const mark = this.progress.done.includes(exercise.id) ? colour.green(glyph.pass) : exercise.id === this.current?.id ? colour.cyan('▶') : colour.dim(glyph.todo);
      lines.push(`  ${mark} ${exercise.name}`);
    }
    return lines;
  }

  close(): void {
    this.vitest.close();
  }

  private moveTo(exercise: Exercise): void {
    this.current = exercise;
    this.report = undefined;
    this.save();
  }

  private save(): void {
    saveProgress({ ...this.progress, current: this.current?.id });
  }
}

export function screen(session: WatchSession, extra: string[] = []): string {
  const exercise = session.current!;
  const doneCount = session.progress.done.length;
  const out: string[] = [
    `${colour.bold('Watch mode')}  ${progressBar(doneCount / exercises.length, 20)}  ${doneCount} of ${plural(exercises.length, 'exercise')} done`,
    '',
  ];
  if (session.firstVisit && doneCount === 0 && exercise.id === exercises[0]!.id) {
    out.push(`New here? Start with ${colour.bold('lessons/00-how-this-course-works.md')}: it shows how the course, the grader and this screen work.`, '');
  }
  out.push(
    colour.bold(`${exercise.lesson.slice(0, 2)} · ${exercise.lessonTitle} › ${exercise.name}: ${exercise.title.replace(/`/g, '')}`),
    `Edit ${path.relative(process.cwd(), session.file)}  ·  read lessons/${exercise.lesson}.md`,
    '',
  );
  if (session.report) {
    out.push(row(session.report, exercise, exercise.name.length + 2), ...details(session.report));
    if (session.report.status === 'partial' || session.report.status === 'failing') {
      // The first failing test's own hint, if its spec has one; the ladder stays behind `h`.
      const suggestion = suggestionFor(exercise, session.report);
      out.push('');
      if (suggestion.fitsTheFailure) out.push(`${colour.yellow('Hint:')} ${suggestion.hint}`);
      out.push(`${colour.yellow('Read:')} ${suggestion.read}`);
    }
  } else {
    out.push(colour.dim('Grading…'));
  }
  const shown = session.progress.hintsShown[exercise.id] ?? 0;
  if (shown > 0) {
    out.push('');
    exercise.hints.slice(0, shown).forEach((text, index) => out.push(`${colour.yellow(`Hint ${index + 1} of ${exercise.hints.length}:`)} ${text}`));
  }
  if (session.note.length > 0) out.push('', ...session.note);
  if (extra.length > 0) out.push('', ...extra);
  const again = session.manual ? 'Press Enter to grade it again.' : 'Save the file to grade it again.';
  const keys = `${colour.bold('h')} hint · ${colour.bold('n')} next exercise · ${colour.bold('l')} list · ${colour.bold('r')} re-run · ${colour.bold('q')} quit`;
  out.push('', colour.dim(session.report ? `Graded in ${formatDuration(session.lastGradeMs)}. ${again}` : ''));
  if (session.unwatchable) out.push(colour.dim('This file system cannot be watched, so saving does not grade: press Enter instead.'));
  // Without a terminal's raw keys (--manual), a key is a line: the letter, then Enter.
  out.push(session.options.manual ? `${keys}  (type the letter, then Enter)` : keys);
  return out.join('\n');
}

/** Runs watch mode in the terminal until the learner quits. */
export async function watch(options: WatchOptions): Promise<void> {
  const session = new WatchSession(options);
  const interactive = Boolean(process.stdin.isTTY) && !options.manual;
  const draw = (extra: string[] = []) => {
    if (process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[3J\u001b[H');
    else process.stdout.write('\n');
    process.stdout.write(`${screen(session, extra)}\n`);
  };

  // One grade at a time; a save during a grade asks for one more.
  let grading: Promise<void> | undefined;
  let again = false;
  const regrade = async (): Promise<void> => {
    if (grading) {
      again = true;
      return grading;
    }
    grading = (async () => {
      do {
        again = false;
        draw();
        await session.grade();
      } while (again);
      grading = undefined;
      draw();
      watchCurrentFile();
    })();
    return grading;
  };

  let watcher: FSWatcher | undefined;
  let watchedFile = '';
  const watchCurrentFile = () => {
    if (session.manual || watchedFile === session.file) return;
    watcher?.close();
    watchedFile = session.file;
    const name = path.basename(watchedFile);
    let timer: NodeJS.Timeout | undefined;
    try {
      // Watch the folder, not the file: many editors save by writing a new file and renaming it.
      watcher = watchFiles(path.dirname(watchedFile), (_, changed) => {
        if (changed !== name) return;
        clearTimeout(timer);
        timer = setTimeout(() => void regrade(), 50);
      });
      // Watching can also fail later (the folder is removed, the system runs out of watches).
      watcher.on('error', gradeOnEnter);
    } catch {
      gradeOnEnter();
    }
  };
  const gradeOnEnter = () => {
    watcher?.close();
    session.manual = true;
    session.unwatchable = true;
    draw();
  };

  const quit = () => {
    watcher?.close();
    session.close();
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdout.write('\nProgress saved. `npm run watch` picks up where you left off.\n');
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);

  const onKey = async (key: string) => {
    switch (key) {
      case 'q':
      case '\u0003':
        quit();
        return;
      case 'h':
        session.revealHint();
        draw();
        return;
      case 'n':
        if (session.nextExercise()) await regrade();
        else draw();
        return;
      case 'l':
        draw(session.listLines());
        return;
      case 'r':
      case '':
      case '\r':
        await regrade();
        return;
    }
  };

  if (interactive) {
    emitKeypressEvents(process.stdin);
    process.stdin.setRawMode(true);
    process.stdin.on('keypress', (text: string | undefined, key: { name?: string; ctrl?: boolean }) => {
      if (key?.ctrl && key.name === 'c') void onKey('\u0003');
      else void onKey(key?.name === 'return' ? '\r' : (text ?? '').toLowerCase());
    });
  } else {
    createInterface({ input: process.stdin }).on('line', (line) => void onKey(line.trim().toLowerCase()));
    process.stdin.on('end', () => {
      // Without a terminal and with nothing more to read, keep watching until stopped.
    });
  }
  await regrade();
}
