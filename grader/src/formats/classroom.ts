// The result GitHub Classroom's autograding reporter reads
// (classroom-resources/autograding-grading-reporter): a runner step sets an output `result`
// holding this JSON in base64, and the reporter adds up each test's `score` against `max_score`,
// so every hidden test keeps its own partial credit.
import type { GradeReport } from '../score.ts';

export interface ClassroomTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  score: number;
  message: string;
  test_code: string;
  filename: string;
  line_no: number;
  duration: number;
}

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: ClassroomTest[];
}

export function classroomResult(report: GradeReport): ClassroomResult {
  const tests = report.exercises.flatMap((exercise) =>
    exercise.tests.map(
      (test): ClassroomTest => ({
        name: `${exercise.id} › ${test.name}`,
        status: exercise.status === 'spec-error' ? 'error' : test.status === 'passed' ? 'pass' : 'fail',
        score: test.points,
        message: test.status === 'passed' ? '' : (test.message ?? 'failed'),
        test_code: '',
        filename: `exercises/${exercise.id}.ts`,
        line_no: 0,
        duration: 0,
      }),
    ),
  );
  const status = tests.some((test) => test.status === 'error') ? 'error' : report.total.points === report.total.maxPoints ? 'pass' : 'fail';
  return { version: 1, status, max_score: report.total.maxPoints, tests };
}
