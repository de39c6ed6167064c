// The hidden specs, checked both ways:
// 1. every reference solution scores 100% and every untouched stub scores 0;
// 2. every hidden test is worth a positive whole number of points;
// 3. every plausible wrong solution in grader/wrong/ loses points (at least 8 per exercise);
// 4. every correct alternative in grader/right/ scores full marks (at least 2 per exercise).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { anchorsOf } from '../src/anchors.ts';
import { exercises, files } from '../src/catalogue.ts';
import type { ExerciseReport, GradeReport } from '../src/score.ts';
import { type Candidate, candidates, gradeCandidates } from '../tools/candidates.ts';
import { exercisesDir, gradeQuietly, solutionsDir } from './helpers.ts';

const byId = (report: GradeReport, id: string) => report.exercises.find((exercise) => exercise.id === id)!;

describe('reference solutions and stubs', () => {
  let solutions: GradeReport;
  let stubs: GradeReport;
  beforeAll(async () => {
    [solutions, stubs] = await Promise.all([gradeQuietly(solutionsDir), gradeQuietly(exercisesDir)]);
  });

  test.each(exercises.map((exercise) => exercise.id))('the solution of %s scores 100%%', (id) => {
    const report = byId(solutions, id);
    const failures = report.tests.filter((t) => t.status === 'failed').map((t) => `${t.name}: ${t.message}`);
    expect(failures).toEqual([]);
    expect(report.maxPoints).toBeGreaterThan(0);
    expect(report.points).toBe(report.maxPoints);
  });

  test.each(exercises.map((exercise) => exercise.id))('the untouched stub of %s scores 0', (id) => {
    const report = byId(stubs, id);
    expect(report.points).toBe(0);
    expect(report.status).toBe('not-started');
  });

  test.each(exercises.map((exercise) => [exercise.id, exercise] as const))('every lesson section a hidden test of %s points to is a heading of its lesson', (id, exercise) => {
    const anchors = new Set(anchorsOf(files.lesson(exercise.lesson)).map((anchor) => `lessons/${exercise.lesson}.md#${anchor}`));
    const broken = byId(solutions, id)
      .tests.filter((t) => t.section !== undefined && !anchors.has(t.section))
      .map((t) => `${t.name}: ${t.section}`);
    expect(broken).toEqual([]);
  });

  test.each(exercises.map((exercise) => exercise.id))('every hidden test of %s is worth a positive whole number of points', (id) => {
    const report = byId(solutions, id);
    expect(report.tests.length).toBeGreaterThan(0);
    for (const t of report.tests) expect(Number.isInteger(t.maxPoints) && t.maxPoints > 0, t.name).toBe(true);
  });
});

describe.each([
  { kind: 'wrong' as const, minimum: 8, verdict: 'loses points' },
  { kind: 'right' as const, minimum: 2, verdict: 'scores full marks' },
])('$kind solutions', ({ kind, minimum, verdict }) => {
  const list = candidates(kind);
  const results = new Map<Candidate, ExerciseReport>();
  beforeAll(async () => {
    for (const { candidate, result } of await gradeCandidates(list)) results.set(candidate, result);
  });

  test.each(exercises.map((exercise) => exercise.id))(`%s has at least ${minimum} ${kind} solutions`, (id) => {
    expect(list.filter((candidate) => candidate.exercise.id === id).length).toBeGreaterThanOrEqual(minimum);
  });

  test.each(list.map((candidate) => [`${candidate.exercise.id}/${candidate.name}`, candidate] as const))(`%s ${verdict}`, (_, candidate) => {
    const report = results.get(candidate)!;
    expect(report.status, 'the file should load').not.toBe('load-error');
    if (kind === 'wrong') {
      expect(report.points, 'a wrong solution must lose points').toBeLessThan(report.maxPoints);
    } else {
      const failures = report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`);
      expect(failures).toEqual([]);
      expect(report.points).toBe(report.maxPoints);
    }
  });

  if (kind === 'wrong') {
    // What a learner reads for a failing test says what was checked, in their terms, then what the
    // code did: never an assertion library's bare sentence ("expected [ …(2) ] to deeply equal …").
    test('every failure message of a wrong solution says what was checked, in the learner’s terms', () => {
      const raw = /(^|: )expected .+ (not )?to (not )?(be|equal|deeply equal|strictly equal|have|include|contain|throw|match|satisfy)\b|expect\(received\)/;
      const unexplained = /^(got |it threw |it did not throw|the check failed|the lists differ)/;
      const bad = [...results].flatMap(([candidate, report]) =>
        report.tests
          .filter((t) => t.status === 'failed' && t.message !== undefined && (raw.test(t.message) || unexplained.test(t.message)))
          .map((t) => `${candidate.exercise.id}/${candidate.name} › ${t.name}: ${t.message!.split('\n')[0]}`),
      );
      expect(bad).toEqual([]);
    });
  }

  test(`every ${kind} solution starts with one line saying what it does`, () => {
    const prefix = kind === 'wrong' ? '// Wrong: ' : '// Right: ';
    const unexplained = list.filter((candidate) => !readFileSync(candidate.file, 'utf8').startsWith(prefix)).map((candidate) => candidate.file);
    expect(unexplained).toEqual([]);
  });
});
