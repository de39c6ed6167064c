// What the teacher hands out and uploads: the student edition (`npm run release -- --out`), which
// must hold no solution and no spec, by path and by content, and must install and run on its
// own; the grader tree for a private repository; and the Gradescope bundle, unpacked into a
// folder laid out like /autograder and run there.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exercises, repoRoot } from '../src/catalogue.ts';
import { VISIBILITIES } from '../src/formats/gradescope.ts';
import { runCli } from './helpers.ts';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules') return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Runs of three non-blank lines (two of them at least 20 characters long), trimmed: what "the same code" means here. */
function shingles(file: string): Set<string> {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= lines.length; i++) {
    const run = lines.slice(i, i + 3);
    if (run.filter((line) => line.length >= 20).length >= 2) out.add(run.join('\n'));
  }
  return out;
}

/** Code of the solutions, the specs, the spec kit and the wrong and right solutions that is in no stub or visible test. */
function secretShingles(): Map<string, string> {
  const open = new Set(walk(path.join(repoRoot, 'exercises')).flatMap((file) => [...shingles(file)]));
  const secret = new Map<string, string>();
  for (const dir of ['solutions', 'grader/specs', 'grader/spec-kit', 'grader/wrong', 'grader/right']) {
    for (const file of walk(path.join(repoRoot, dir))) {
      for (const run of shingles(file)) if (!open.has(run)) secret.set(run, path.relative(repoRoot, file));
    }
  }
  return secret;
}

function leaks(dir: string, secret: Map<string, string>): string[] {
  return walk(dir).flatMap((file) => [...shingles(file)].filter((run) => secret.has(run)).map((run) => `${path.relative(dir, file)} holds code of ${secret.get(run)}:\n${run}`));
}

describe('the student edition', () => {
  let edition: string;
  beforeAll(async () => {
    edition = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-edition-')), 'student');
    const run = await runCli(['release', '--out', edition]);
    expect(run.code, run.stderr).toBe(0);
  });

  test('holds the lessons, the stubs, the visible tests and the grader’s runner, and no solutions, specs or candidates', () => {
    for (const exercise of exercises) {
      expect(existsSync(path.join(edition, 'exercises', `${exercise.id}.ts`))).toBe(true);
      expect(existsSync(path.join(edition, 'exercises', `${exercise.id}.test.ts`))).toBe(true);
    }
    for (const file of ['README.md', 'package.json', 'package-lock.json', 'grader/course.ts', 'grader/src/run/run-specs.ts', '.github/workflows/classroom.yml', 'lessons/01-event-loop.md']) {
      expect(existsSync(path.join(edition, file)), file).toBe(true);
    }
    for (const dir of ['solutions', 'grader/specs', 'grader/spec-kit', 'grader/wrong', 'grader/right', 'grader/tools', 'grader/test']) {
      expect(existsSync(path.join(edition, dir)), dir).toBe(false);
    }
    expect(walk(edition).filter((file) => file.endsWith('.spec.ts') || file.endsWith('.equivalent.json'))).toEqual([]);
  });

  test('no file of it holds code of a solution, a spec or a candidate (checked by content)', () => {
    const secret = secretShingles();
    expect(secret.size).toBeGreaterThan(1000);
    expect(leaks(edition, secret)).toEqual([]);
    // The check finds what it looks for: the course itself, solutions included, is full of it.
    expect(leaks(path.join(repoRoot, 'solutions'), secret).length).toBeGreaterThan(100);
  });

  test('its package.json runs the visible tests with npm test and only explains npm run grade', () => {
    const manifest = JSON.parse(readFileSync(path.join(edition, 'package.json'), 'utf8'));
    expect(manifest.scripts.test).toMatch(/vitest run$/);
    expect(manifest.scripts.grade).toMatch(/^node -e "console\.log\('Your work is graded when you submit it/);
    expect(manifest.scripts.watch).toContain('cli.ts check --watch');
    expect(Object.keys(manifest.scripts)).not.toContain('solution');
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@types/node', '@vitest/ui', 'tsx', 'typescript', 'vitest']);
    const lock = JSON.parse(readFileSync(path.join(edition, 'package-lock.json'), 'utf8'));
    expect(lock.packages[''].devDependencies).toEqual(manifest.devDependencies);
    expect(Object.keys(lock.packages)).not.toContain('node_modules/@stryker-mutator/core');
  });

  test('its README says how to work and how to submit, and how a teacher sets up Classroom', () => {
    const readme = readFileSync(path.join(edition, 'README.md'), 'utf8');
    for (const heading of ['## How to work', '## How to submit', '## For teachers: GitHub Classroom']) expect(readme).toContain(heading);
    const workflow = readFileSync(path.join(edition, '.github/workflows/classroom.yml'), 'utf8');
    expect(workflow).toContain('classroom-resources/autograding-grading-reporter@v1');
    expect(workflow).toContain('secrets.COURSE_GRADER_TOKEN');
    expect(workflow).toContain('--classroom ../classroom-result.json');
    expect(workflow).toMatch(/echo "result=\$\(base64 -w0 \.\.\/classroom-result\.json\)" >> "\$GITHUB_OUTPUT"/);
    expect(workflow).toContain('COURSE_RESULTS: ${{ steps.course.outputs.result }}');
  });

  test('every relative link of its README and lessons points at a file of the edition', () => {
    const markdown = [path.join(edition, 'README.md'), ...walk(path.join(edition, 'lessons')).filter((file) => file.endsWith('.md'))];
    const broken = markdown.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1]!.split('#')[0]!)
        .filter((link) => link !== '' && !/^[a-z]+:/.test(link))
        .filter((link) => !existsSync(path.resolve(path.dirname(file), link)))
        .map((link) => `${path.relative(edition, file)} → ${link}`),
    );
    expect(broken).toEqual([]);
  });

  test('installs from its own lockfile and runs its visible tests from its own folder', () => {
    const install = spawnSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: edition, encoding: 'utf8' });
    if (install.status !== 0) {
      // No npm cache to install from (a machine that never ran `npm ci`): use the course's packages.
      console.warn(`npm ci --offline failed in the edition, using the course's node_modules:\n${install.stderr}`);
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(edition, 'node_modules'));
    }
    // One exercise done, the rest untouched: its visible tests pass and the others fail.
    cpSync(path.join(repoRoot, 'solutions/01-event-loop/sleep.ts'), path.join(edition, 'exercises/01-event-loop/sleep.ts'));
    const results = path.join(edition, 'visible.json');
    const run = spawnSync('npm', ['test', '--', '--reporter=json', `--outputFile=${results}`], { cwd: edition, encoding: 'utf8', env: { ...process.env, INIT_CWD: edition } });
    expect(run.status).not.toBe(0);
    const report = JSON.parse(readFileSync(results, 'utf8')) as { testResults: { name: string; status: string }[] };
    const byFile = new Map(report.testResults.map((file) => [path.relative(edition, file.name), file.status]));
    expect(byFile.size).toBe(exercises.length);
    expect(byFile.get('exercises/01-event-loop/sleep.test.ts')).toBe('passed');
    expect([...byFile].filter(([, status]) => status === 'failed').length).toBe(exercises.length - 1);
    const grade = spawnSync('npm', ['run', '-s', 'grade'], { cwd: edition, encoding: 'utf8' });
    expect(grade.status).toBe(0);
    expect(grade.stdout).toContain('graded when you submit it');
  });
});

test('the grader tree for a private repository holds the specs and no solutions', async () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-grader-')), 'grader');
  const run = await runCli(['release', '--grader', dir]);
  expect(run.code, run.stderr).toBe(0);
  for (const exercise of exercises) expect(existsSync(path.join(dir, 'grader/specs', `${exercise.id}.spec.ts`))).toBe(true);
  expect(existsSync(path.join(dir, 'solutions'))).toBe(false);
  expect(existsSync(path.join(dir, 'exercises'))).toBe(false);
  expect(existsSync(path.join(dir, 'grader/wrong'))).toBe(false);
});

describe('the Gradescope bundle', () => {
  let root: string;
  const results = () => JSON.parse(readFileSync(path.join(root, 'results/results.json'), 'utf8'));

  /** Lays out a fresh /autograder with `submission` and runs run_autograder there. */
  function runAutograder(submission: string): ReturnType<typeof spawnSync> {
    rmSync(path.join(root, 'submission'), { recursive: true, force: true });
    rmSync(path.join(root, 'results'), { recursive: true, force: true });
    cpSync(submission, path.join(root, 'submission'), { recursive: true });
    return spawnSync(path.join(root, 'source/run_autograder'), [], { cwd: root, env: { ...process.env, AUTOGRADER_ROOT: root }, encoding: 'utf8' });
  }

  beforeAll(async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'course-gradescope-'));
    const zip = path.join(base, 'autograder.zip');
    const run = await runCli(['release', '--gradescope', zip, '--visibility', 'after_due_date']);
    expect(run.code, run.stderr).toBe(0);
    root = path.join(base, 'autograder');
    mkdirSync(path.join(root, 'source'), { recursive: true });
    const unzip = spawnSync('unzip', ['-q', zip, '-d', path.join(root, 'source')]);
    if (unzip.error || unzip.status !== 0) {
      const python = spawnSync('python3', ['-m', 'zipfile', '-e', zip, path.join(root, 'source')]);
      expect(python.status, 'neither unzip nor python3 could unpack the bundle').toBe(0);
      for (const script of ['setup.sh', 'run_autograder']) chmodSync(path.join(root, 'source', script), 0o755);
    }
    // setup.sh runs `npm ci` on Gradescope; here the course's packages stand in for it.
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'source/node_modules'));
  });

  test('has setup.sh and an executable run_autograder at its root, the hidden specs, and no solutions', () => {
    const source = path.join(root, 'source');
    expect(statSync(path.join(source, 'run_autograder')).mode & 0o111).not.toBe(0);
    expect(readFileSync(path.join(source, 'setup.sh'), 'utf8')).toContain('npm ci');
    expect(existsSync(path.join(source, 'grader/specs/01-event-loop/sleep.spec.ts'))).toBe(true);
    expect(existsSync(path.join(source, 'solutions'))).toBe(false);
  });

  test('grades a clone with the solutions at full marks, in Gradescope’s results.json shape', () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'course-gs-clone-'));
    cpSync(path.join(repoRoot, 'solutions'), path.join(clone, 'exercises'), { recursive: true });
    const run = runAutograder(clone);
    expect(run.status, String(run.stderr)).toBe(0);
    const output = results();
    expect(Object.keys(output).sort()).toEqual(['execution_time', 'output', 'score', 'stdout_visibility', 'tests', 'visibility']);
    expect(typeof output.execution_time).toBe('number');
    expect(VISIBILITIES).toContain(output.stdout_visibility);
    expect(output.tests.length).toBeGreaterThan(100);
    for (const t of output.tests) {
      expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'number', 'output', 'score', 'status', 'tags', 'visibility']);
      expect(t).toMatchObject({ status: 'passed', visibility: 'after_due_date' });
      expect(t.score).toBe(t.max_score);
    }
    const max = output.tests.reduce((n: number, t: { max_score: number }) => n + t.max_score, 0);
    expect(output.score).toBe(max);
  });

  test('grades the untouched stubs, uploaded as an exercises/ folder, at zero, each failure with its reason', () => {
    const run = runAutograder(path.join(repoRoot, 'exercises'));
    expect(run.status, String(run.stderr)).toBe(0);
    const output = results();
    expect(output.score).toBe(0);
    for (const t of output.tests) {
      expect(t).toMatchObject({ status: 'failed', score: 0 });
      expect(t.output).not.toBe('');
      expect(t.output).not.toMatch(/grader[\\/]specs|\.spec\.ts/);
    }
  });
});
