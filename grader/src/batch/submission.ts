// One student's submission, made safe to grade: found, checked and copied into a clean folder.
//
// A submission is a folder: a clone of the student's repository (with `exercises/` inside), their
// `exercises/` folder itself, a folder holding one of those (an unpacked archive), or the exercise
// files side by side (`sleep.ts`, `gather.ts`: what a Gradescope upload of single files looks like).
// Only the files of the exercises tree are copied, so the student's own package.json and
// node_modules never take part in grading, and a symbolic link is followed only while it stays
// inside the submission. What could not be used is said in `problems` (the exercise scores 0
// with that reason) and `notes` (said in the feedback, no points lost).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { editDistance, type Exercise, exercises as allExercises } from '../catalogue.ts';

export interface PreparedSubmission {
  /** The clean copy, laid out like exercises/, ready for `grade --target`; absent when nothing can be graded. */
  target?: string;
  /** Why the whole submission scores 0, when it does. */
  reason?: string;
  /** Exercise id → why that exercise scores 0 although the runner might have graded something. */
  problems: Map<string, string>;
  /** Things the student should know that cost no points. */
  notes: string[];
  /** Of what was copied (paths and contents) and of the problems: equal hashes, equal grades. */
  hash: string;
}

/** Files larger than this are left out: no exercise needs them. */
const MAX_FILE_BYTES = 1_000_000;
const IGNORED_DIRS = new Set(['node_modules', '.git']);

/** Where the exercises tree of a submission starts, and how it was found. */
function locateExercises(root: string): { dir: string; flat: boolean } | undefined {
  const lessons = new Set(allExercises.map((exercise) => exercise.lesson));
  const hasLessons = (dir: string) => safeList(dir).some((name) => lessons.has(name));
  if (isDir(path.join(root, 'exercises'))) return { dir: path.join(root, 'exercises'), flat: false };
  if (hasLessons(root)) return { dir: root, flat: false };
  // An archive unpacked with its own top folder: alice/async-course-main/exercises/…
  const folders = safeList(root).filter((name) => !name.startsWith('.') && isDir(path.join(root, name)));
  if (folders.length === 1) {
    const inner = path.join(root, folders[0]!);
    if (isDir(path.join(inner, 'exercises'))) return { dir: path.join(inner, 'exercises'), flat: false };
    if (hasLessons(inner)) return { dir: inner, flat: false };
  }
  const names = new Set(allExercises.map((exercise) => `${exercise.name}.ts`));
  if (safeList(root).some((name) => names.has(name))) return { dir: root, flat: true };
  return undefined;
}

/**
 * Copies the submission at `source` into `workDir` (which must not exist yet) and says what was
 * wrong with it. `selected` are the exercises being graded, in course order.
 */
export function prepareSubmission(source: string, workDir: string, selected: readonly Exercise[] = allExercises): PreparedSubmission {
  const problems = new Map<string, string>();
  const notes: string[] = [];
  const name = path.basename(source);
  const fail = (reason: string): PreparedSubmission => ({ reason, problems, notes, hash: digest([['reason', reason]]) });

  let stat;
  try {
    stat = lstatSync(source);
  } catch {
    return fail(`${name} could not be read.`);
  }
  if (stat.isSymbolicLink()) return fail(`${name} is a symbolic link, not a folder: submit the folder itself.`);
  if (!stat.isDirectory()) {
    const archive = /\.(zip|tar|tgz|gz|7z|rar)$/i.test(name) ? ' Unpack the archive into a folder of that name first.' : '';
    return fail(`${name} is not a folder: a submission is a folder holding the student's exercises/ (or a clone of their repository).${archive}`);
  }
  const root = realpathSync(source);
  const located = locateExercises(root);
  if (!located) {
    return fail(`${name} holds no exercises: no exercises/ folder, no lesson folder such as ${allExercises[0]!.lesson}/, and no exercise file such as ${allExercises[0]!.name}.ts.`);
  }
  if (located.dir !== root && lstatSync(located.dir).isSymbolicLink()) {
    const real = realpathSync(located.dir);
    if (!inside(root, real)) return fail(`${path.relative(path.dirname(root), located.dir)} is a symbolic link that points outside the submission.`);
  }

  const target = path.join(workDir, 'exercises');
  mkdirSync(target, { recursive: true });
  const copied: [string, string][] = [];
  const outside: string[] = [];
  const ownPackages: string[] = [];

  const copyTree = (from: string, relativeDir: string, depth: number) => {
    if (depth > 8) return;
    for (const entry of safeList(from).sort()) {
      const full = path.join(from, entry);
      const relative = relativeDir ? `${relativeDir}/${entry}` : entry;
      if (entry === 'package.json' || entry === 'package-lock.json') {
        ownPackages.push(relative);
        continue;
      }
      if (IGNORED_DIRS.has(entry)) {
        if (entry === 'node_modules') ownPackages.push(`${relative}/`);
        continue;
      }
      let real = full;
      if (lstatSync(full).isSymbolicLink()) {
        const resolved = safeRealpath(full);
        if (!resolved || !inside(root, resolved)) {
          outside.push(relative);
          continue;
        }
        real = resolved;
      }
      const realStat = statSync(real);
      if (realStat.isDirectory()) {
        if (!entry.startsWith('.')) copyTree(real, relative, depth + 1);
      } else if (realStat.isFile() && realStat.size <= MAX_FILE_BYTES) {
        mkdirSync(path.join(target, relativeDir), { recursive: true });
        copyFileSync(real, path.join(target, relative));
        copied.push([relative, createHash('sha256').update(readFileSync(real)).digest('hex')]);
      }
    }
  };

  if (located.flat) {
    // Single files side by side: each exercise file goes to its lesson folder.
    for (const exercise of selected) {
      const file = path.join(located.dir, `${exercise.name}.ts`);
      if (!existsSync(file) && !isLink(file)) continue;
      const real = isLink(file) ? safeRealpath(file) : file;
      if (!real || !inside(root, real)) {
        outside.push(`${exercise.name}.ts`);
        continue;
      }
      if (!statSync(real).isFile()) continue;
      mkdirSync(path.join(target, exercise.lesson), { recursive: true });
      copyFileSync(real, path.join(target, exercise.lesson, `${exercise.name}.ts`));
      copied.push([`${exercise.id}.ts`, createHash('sha256').update(readFileSync(real)).digest('hex')]);
    }
    notes.push('The exercise files were found side by side, without lesson folders; each was graded as the exercise of its name.');
  } else {
    copyTree(located.dir, '', 0);
  }

  if (ownPackages.length > 0) {
    notes.push(`Ignored ${ownPackages.map((file) => `exercises/${file}`).join(', ')}: submissions are graded with the course's own packages and settings.`);
  }
  const present = new Set(copied.map(([relative]) => relative));
  const byName = new Map(copied.map(([relative]) => [relative, relative]));
  const knownFiles = new Set(allExercises.map((exercise) => `${exercise.id}.ts`));
  for (const exercise of selected) {
    const expected = `${exercise.id}.ts`;
    const outsideLink = located.flat ? outside.includes(`${exercise.name}.ts`) : outside.includes(expected);
    if (outsideLink) {
      problems.set(exercise.id, `exercises/${expected} is a symbolic link to a file outside the submission, so it was not graded. Submit the file itself.`);
      continue;
    }
    if (present.has(expected)) continue;
    const lookAlike = [...byName.keys()].find(
      (file) => !knownFiles.has(file) && !file.endsWith('.test.ts') && /\.[cm]?[jt]s$/.test(file) && looksLike(file, exercise),
    );
    problems.set(
      exercise.id,
      lookAlike
        ? `exercises/${expected} is not in the submission, but exercises/${lookAlike} is: was it renamed or moved? Only the stub's own path is graded.`
        : `exercises/${expected} is not in the submission.`,
    );
  }
  const otherOutside = outside.filter((file) => !selected.some((exercise) => file === `${exercise.id}.ts` || file === `${exercise.name}.ts`));
  if (otherOutside.length > 0) notes.push(`Not copied, being symbolic links that point outside the submission: ${otherOutside.map((file) => `exercises/${file}`).join(', ')}.`);
  const hash = digest([...copied, ...[...problems].map(([id, why]): [string, string] => [`problem:${id}`, why])]);
  return { target, problems, notes, hash };
}

/** A file that may be `exercise` under another name or in another folder. */
function looksLike(file: string, exercise: Exercise): boolean {
  const base = path.basename(file).replace(/\.[cm]?[jt]s$/, '').toLowerCase();
  const name = exercise.name.toLowerCase();
  const dir = path.dirname(file);
  return base === name || base.includes(name) || name.includes(base) || (dir === exercise.lesson && close(base, name)) || close(base, name);
}

function close(a: string, b: string): boolean {
  return Math.abs(a.length - b.length) <= 2 && editDistance(a, b) <= 2;
}

function digest(entries: readonly (readonly [string, string])[]): string {
  const hash = createHash('sha256');
  for (const [key, value] of entries) hash.update(`${key}\0${value}\0`);
  return hash.digest('hex');
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function safeRealpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
