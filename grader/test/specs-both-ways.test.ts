// The hidden specs, checked both ways:
// 1. every reference solution scores 100% and every untouched stub scores 0;
// 2. every hidden test is worth a positive whole number of points;
// 3. every plausible wrong solution in grader/wrong/ loses points.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exercises, files } from '../src/catalogue.ts';
import type { GradeReport } from '../src/score.ts';
import { exercisesDir, gradeQuietly, makeTarget, solutionsDir } from './helpers.ts';

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

  test.each(exercises.map((exercise) => exercise.id))('every hidden test of %s is worth a positive whole number of points', (id) => {
    const report = byId(solutions, id);
    expect(report.tests.length).toBeGreaterThan(0);
    for (const t of report.tests) expect(Number.isInteger(t.maxPoints) && t.maxPoints > 0, t.name).toBe(true);
  });
});

// Wrong solutions are graded in rounds: round k puts the k-th wrong solution of every exercise
// into one target tree, so a handful of grader runs covers them all.
const wrongSolutions = exercises.flatMap((exercise) => {
  const dir = files.wrongSolutions(exercise);
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts')).sort() : [];
  return names.map((name, round) => ({ exercise, name, round, file: path.join(dir, name) }));
});

describe('wrong solutions', () => {
  const rounds = new Map<number, GradeReport>();
  beforeAll(async () => {
    const roundNumbers = [...new Set(wrongSolutions.map((wrong) => wrong.round))];
    await Promise.all(
      roundNumbers.map(async (round) => {
        const inRound = wrongSolutions.filter((wrong) => wrong.round === round);
        const target = makeTarget(Object.fromEntries(inRound.map((wrong) => [`${wrong.exercise.id}.ts`, readFileSync(wrong.file, 'utf8')])));
        rounds.set(round, await gradeQuietly(target, inRound.map((wrong) => wrong.exercise.id)));
      }),
    );
  });

  test.each(exercises.map((exercise) => exercise.id))('%s has at least three wrong solutions to fail', (id) => {
    expect(wrongSolutions.filter((wrong) => wrong.exercise.id === id).length).toBeGreaterThanOrEqual(3);
  });

  test.each(wrongSolutions.map((wrong) => [`${wrong.exercise.id}/${wrong.name}`, wrong] as const))('%s loses points', (_, wrong) => {
    const report = byId(rounds.get(wrong.round)!, wrong.exercise.id);
    expect(report.status).not.toBe('load-error');
    expect(report.points).toBeLessThan(report.maxPoints);
  });
});
