// Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
// the total `score`, `execution_time`, an `output` for the whole submission, visibility settings,
// and one entry per hidden test with its `name`, `score`, `max_score`, `status`, `output` and
// `visibility`.
import type { GradeReport } from '../score.ts';

export const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: Visibility;
  tags: string[];
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: Visibility;
  stdout_visibility: Visibility;
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  /** Of each test: its name, points and failure message. Default `visible`. */
  testVisibility?: Visibility;
  /** Of the whole result. Default `visible`. */
  visibility?: Visibility;
  seconds: number;
  /** Said first in the overall output: what was noticed about the submission. */
  notes?: readonly string[];
}

export function gradescopeResults(report: GradeReport, options: GradescopeOptions): GradescopeResults {
  const testVisibility = options.testVisibility ?? 'visible';
  const tests = report.exercises.flatMap((exercise, e) =>
    exercise.tests.map(
      (test, t): GradescopeTest => ({
        name: `${exercise.id} › ${test.name}`,
        number: `${e + 1}.${t + 1}`,
        score: test.points,
        max_score: test.maxPoints,
        status: test.status,
        output: test.status === 'passed' ? '' : (test.message ?? 'failed'),
        visibility: testVisibility,
        tags: [exercise.id],
      }),
    ),
  );
  const lines = [
    ...(options.notes ?? []),
    ...report.exercises.map((exercise) => `${exercise.id}: ${exercise.points}/${exercise.maxPoints} (${exercise.status})${exercise.message ? `\n  ${exercise.message.split('\n').join('\n  ')}` : ''}`),
    `Total: ${report.total.points}/${report.total.maxPoints}`,
  ];
  return {
    score: report.total.points,
    execution_time: Math.round(options.seconds),
    output: lines.join('\n'),
    visibility: options.visibility ?? 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}
