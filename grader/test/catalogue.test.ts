// The maintainer check: the catalogue in grader/course.ts and the files on disk agree.
//  1. lesson folders and exercise names are unique and well formed, each exercise has hints;
//  2. every exercise has its stub, visible tests, solution and hidden spec, and its lesson links to it;
//  3. no stray files: every stub, solution, spec, equivalent-mutant list and wrong or right
//     solution on disk belongs to a catalogued exercise;
//  4. a stub and its solution export the same names; equivalent-mutant lists are well formed;
//  5. the README's exercise list is the catalogue's;
//  6. every relative link in the lessons and the README points at a file that exists, and at a
//     heading of it when it names one;
//  7. editors run the visible tests only: VS Code's vitest extension is pointed at the root config.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { course } from '../course.ts';
import { anchorsOf } from '../src/anchors.ts';
import { exercises, files, repoRoot } from '../src/catalogue.ts';
import { parseEquivalents } from '../tools/mutation/score.ts';
import { exerciseListMarkdown } from '../tools/readme.ts';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

describe('the catalogue', () => {
  test('lesson folders are unique and numbered in order from 00', () => {
    expect(course.map((lesson) => lesson.lesson.slice(0, 3))).toEqual(course.map((_, i) => `${String(i).padStart(2, '0')}-`));
    expect(new Set(course.map((lesson) => lesson.lesson)).size).toBe(course.length);
  });

  test('exercise names are unique across the course and written in kebab-case', () => {
    const names = exercises.map((exercise) => exercise.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  test('every exercise has a title and at least two hints', () => {
    for (const exercise of exercises) {
      expect(exercise.title.trim(), exercise.id).not.toBe('');
      expect(exercise.hints.length, exercise.id).toBeGreaterThanOrEqual(2);
    }
  });
});

describe.each(exercises.map((exercise) => [exercise.id, exercise] as const))('%s', (_, exercise) => {
  test('has a stub, visible tests, a solution and a hidden spec', () => {
    for (const file of [files.module(path.join(repoRoot, 'exercises'), exercise), files.visibleTest(exercise), files.solution(exercise), files.spec(exercise)]) {
      expect(existsSync(file), path.relative(repoRoot, file)).toBe(true);
    }
  });

  test('is linked from its lesson', () => {
    const lesson = readFileSync(files.lesson(exercise.lesson), 'utf8');
    expect(lesson).toContain(`../exercises/${exercise.id}.ts`);
  });

  test('its stub and its solution export the same names', async () => {
    const stub = await import(files.module(path.join(repoRoot, 'exercises'), exercise));
    const solution = await import(files.solution(exercise));
    expect(Object.keys(stub).sort()).toEqual(Object.keys(solution).sort());
  });
});

describe('no stray files', () => {
  const known = new Set(exercises.map((exercise) => exercise.id));
  const idOf = (root: string, file: string, suffix: RegExp) => path.relative(root, file).replace(suffix, '').split(path.sep).join('/');

  test('every file in exercises/ belongs to a catalogued exercise', () => {
    const root = path.join(repoRoot, 'exercises');
    const strays = walk(root).filter((file) => !file.endsWith('README.md') && !known.has(idOf(root, file, /(\.test)?\.ts$/)));
    expect(strays.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  test('every file in solutions/ belongs to a catalogued exercise', () => {
    const root = path.join(repoRoot, 'solutions');
    const strays = walk(root).filter((file) => !known.has(idOf(root, file, /\.ts$/)));
    expect(strays.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  test('every hidden spec, equivalent-mutant list, wrong and right solution belongs to a catalogued exercise', () => {
    const specs = path.join(repoRoot, 'grader', 'specs');
    const candidateDirs = ['wrong', 'right'].map((kind) => path.join(repoRoot, 'grader', kind));
    const strays = [
      ...walk(specs).filter((file) => !known.has(idOf(specs, file, /\.(spec\.ts|equivalent\.json)$/))),
      ...candidateDirs.flatMap((dir) =>
        walk(dir).filter((file) => !file.endsWith('.ts') || !known.has(path.relative(dir, path.dirname(file)).split(path.sep).join('/'))),
      ),
    ];
    expect(strays.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  test('every lesson file is in the catalogue', () => {
    const lessons = readdirSync(path.join(repoRoot, 'lessons')).filter((name) => name.endsWith('.md'));
    expect(lessons.sort()).toEqual(course.map((lesson) => `${lesson.lesson}.md`).sort());
  });
});

test('every list of equivalent mutants is well formed: location, replacement and why', () => {
  const lists = exercises.map((exercise) => files.equivalentMutants(exercise)).filter((file) => existsSync(file));
  const problems = lists.flatMap((file) => {
    try {
      parseEquivalents(readFileSync(file, 'utf8'), path.relative(repoRoot, file));
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  });
  expect(problems).toEqual([]);
});

test('the README lists the catalogue’s lessons and exercises (regenerate with `npx tsx grader/tools/readme.ts`)', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  expect(readme).toContain(exerciseListMarkdown());
});

test('every relative link in the lessons and the README points at a file that exists, and at a heading of it', () => {
  const markdownFiles = [path.join(repoRoot, 'README.md'), ...walk(path.join(repoRoot, 'lessons')).filter((file) => file.endsWith('.md'))];
  const broken = markdownFiles.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1]!)
      .filter((link) => !/^[a-z]+:/i.test(link))
      .filter((link) => {
        const [target, anchor] = link.split('#') as [string, string | undefined];
        const linked = target === '' ? file : path.resolve(path.dirname(file), decodeURI(target));
        if (!existsSync(linked)) return true;
        return anchor !== undefined && linked.endsWith('.md') && !anchorsOf(linked).includes(decodeURI(anchor));
      })
      .map((link) => `${path.relative(repoRoot, file)} → ${link}`),
  );
  expect(broken).toEqual([]);
});

test('VS Code’s vitest extension runs the visible tests only, through the root config', () => {
  const jsonc = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
  const settings = jsonc('.vscode/settings.json');
  expect(settings['vitest.rootConfig']).toBe('vitest.config.ts');
  // The grader's configs (grader/src/run/grade.config.ts and the maintainers' ones) run hidden specs.
  expect(settings['vitest.configSearchPatternExclude']).toMatch(/grader\/\*\*/);
  expect(readFileSync(path.join(repoRoot, 'vitest.config.ts'), 'utf8')).toMatch(/include: \['exercises\/\*\*\/\*\.test\.ts'\]/);
  const recommended = (jsonc('.vscode/extensions.json').recommendations as string[]).sort();
  const devcontainer = jsonc('.devcontainer/devcontainer.json') as { customizations: { vscode: { extensions: string[] } } };
  expect(recommended).toEqual([...devcontainer.customizations.vscode.extensions].sort());
  expect(recommended).toContain('vitest.explorer');
});
