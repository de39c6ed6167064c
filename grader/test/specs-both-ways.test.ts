// The hidden specs, checked both ways:
// 1. every reference solution scores 100% and every untouched stub scores 0;
// 2. every hidden test is worth a positive whole number of points;
// 3. every plausible wrong solution in grader/wrong/ loses points (at least 8 per exercise:
//    wrong-solutions-*.test.ts);
// 4. every correct alternative in grader/right/ scores full marks (at least 2 per exercise).
import { beforeAll, describe, expect, test } from 'vitest';
import { anchorsOf } from '../src/anchors.ts';
import { exercises, files } from '../src/catalogue.ts';
import type { GradeReport } from '../src/score.ts';
import { describeCandidates } from './both-ways.ts';
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

describeCandidates('right');
