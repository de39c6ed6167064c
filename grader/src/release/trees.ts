// What goes into the student edition, the grader tree and the Gradescope bundle: lists of files
// (path and content) built from the course, so that what is written and what is zipped are one list.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../catalogue.ts';
import { pruneLockfile } from './lockfile.ts';
import { editionPackage, graderPackage, type PackageJson } from './package-json.ts';

export interface TreeFile {
  /** Relative path, with forward slashes. */
  path: string;
  data: Buffer;
  mode?: number;
}

const templates = path.join(import.meta.dirname, 'files');

export function template(name: string): string {
  return readFileSync(path.join(templates, name), 'utf8');
}

/** Every file under `dir` (relative to the repository), as it is. */
function copied(dir: string): TreeFile[] {
  const full = path.join(repoRoot, dir);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [{ path: dir, data: readFileSync(full), mode: statSync(full).mode & 0o777 }];
  return readdirSync(full)
    .sort()
    .filter((name) => name !== 'node_modules')
    .flatMap((name) => copied(`${dir}/${name}`));
}

function text(file: string, content: string, mode?: number): TreeFile {
  return { path: file, data: Buffer.from(content), ...(mode === undefined ? {} : { mode }) };
}

function json(file: string, value: unknown): TreeFile {
  return text(file, `${JSON.stringify(value, null, 2)}\n`);
}

function packageFiles(manifest: PackageJson): TreeFile[] {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  return [json('package.json', manifest), json('package-lock.json', pruneLockfile(lock, manifest))];
}

/** The course's tsconfig.json with `include` narrowed to the folders the tree has. */
function tsconfig(include: readonly string[]): TreeFile {
  const source = readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8');
  return text('tsconfig.json', source.replace(/"include":\s*\[[^\]]*\]/, `"include": ${JSON.stringify(include)}`));
}

/** The grader's own code and the catalogue: the runner, the reports, the commands. */
function graderCode(): TreeFile[] {
  return [...copied('grader/course.ts'), ...copied('grader/bin'), ...copied('grader/src')];
}

const EDITION_NOTE =
  '> **In this edition** the hidden tests stay with your teacher. `npm run watch` re-runs the visible tests of every exercise on each save, `npm run grade` only reminds you of that, and your work is graded when you submit it: see [the README](../README.md). Everything else in this lesson works as it says.\n';

/** Lesson 00 gets a note after its title on what this edition does differently. */
function lessonFiles(): TreeFile[] {
  return copied('lessons').map((file) => {
    if (!file.path.endsWith('/00-how-this-course-works.md')) return file;
    const lesson = file.data.toString('utf8');
    const withNote = lesson.replace(/^(# .*\n)/, `$1\n${EDITION_NOTE}`);
    return text(file.path, withNote);
  });
}

/** The student edition: lessons, stubs, visible tests, the grader without its specs, a README and the Classroom workflow. */
export function editionTree(): TreeFile[] {
  return [
    text('README.md', template('edition-README.md')),
    text('.github/workflows/classroom.yml', template('classroom.yml')),
    ...copied('.gitignore'),
    ...copied('.devcontainer'),
    ...copied('vitest.config.ts'),
    // The learner type-checks their exercises; the grader's own code needs the spec kit's types, which stay out.
    tsconfig(['exercises', '*.ts']),
    ...packageFiles(editionPackage()),
    ...lessonFiles(),
    ...copied('exercises'),
    ...graderCode(),
  ];
}

/** The grader with the hidden specs: what a private repository (for Classroom) or a Gradescope bundle holds. */
export function graderTree(): TreeFile[] {
  return [
    text('README.md', template('grader-README.md')),
    text('.gitignore', 'node_modules/\n'),
    tsconfig(['grader', '*.ts']),
    ...packageFiles(graderPackage()),
    ...graderCode(),
    ...copied('grader/spec-kit'),
    ...copied('grader/specs'),
  ];
}

/** The Gradescope autograder: setup.sh and run_autograder at the root, beside the grader tree. */
export function gradescopeTree(visibility: string): TreeFile[] {
  return [
    text('setup.sh', template('setup.sh'), 0o755),
    text('run_autograder', template('run_autograder').replace(/__VISIBILITY__/g, visibility), 0o755),
    ...graderTree(),
  ];
}
