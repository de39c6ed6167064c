// Turns the outcome of each spec file into the graded report: points per test, per exercise and
// in total, and a status per exercise. The JSON reporter writes this model as it is.
import type { Exercise } from './catalogue.ts';
import { TIMEOUT_MESSAGE, describeFailure } from './messages.ts';
import type { FileOutcome } from './run/run-specs.ts';

export type ExerciseStatus = 'done' | 'partial' | 'not-started' | 'failing' | 'load-error' | 'timed-out' | 'spec-error';

export interface TestReport {
  name: string;
  status: 'passed' | 'failed';
  points: number;
  maxPoints: number;
  /** Why it failed; absent when it passed. */
  message?: string;
  /** What to try when it fails, if its spec says. */
  hint?: string;
  /** The lesson heading that teaches what it checks, if its spec says: `lessons/06-timeouts.md#…`. */
  section?: string;
}

export interface ExerciseReport {
  /** `<lesson-folder>/<exercise>`, for example `01-event-loop/sleep`. */
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  status: ExerciseStatus;
  /** For load errors, time-outs and spec errors: the one message that explains them all. */
  message?: string;
  tests: TestReport[];
}

export interface GradeReport {
  /** The graded tree, as given on the command line. */
  target: string;
  total: { points: number; maxPoints: number };
  exercises: ExerciseReport[];
}

const NOT_IMPLEMENTED = /not implemented yet/i;

export function scoreExercise(exercise: Exercise, outcome: FileOutcome, target: string): ExerciseReport {
  const tests: TestReport[] = outcome.tests.map((test) => {
    const result = outcome.results.get(test.id);
    const guidance = {
      ...(test.hint === undefined ? {} : { hint: test.hint }),
      ...(test.section === undefined ? {} : { section: `lessons/${exercise.lesson}.md#${test.section}` }),
    };
    if (result?.state === 'passed') return { name: test.name, status: 'passed', points: test.points, maxPoints: test.points, ...guidance };
    const error = result?.errors[0] ?? outcome.fileErrors[0];
    return { name: test.name, status: 'failed', points: 0, maxPoints: test.points, message: result ? describeFailure(error, target) : 'did not run', ...guidance };
  });
  const maxPoints = sum(tests.map((test) => test.maxPoints));
  const base = { id: exercise.id, title: exercise.title, maxPoints };

  if (outcome.timedOut) {
    // Tests that reached a verdict before the file was stopped keep it; the others never ran.
    const graded = tests.map((test, i) => (outcome.results.has(outcome.tests[i]!.id) ? test : { ...test, message: TIMEOUT_MESSAGE }));
    const hung = outcome.hungTests.map((id) => outcome.tests.find((test) => test.id === id)?.name ?? id);
    const message = hung.length > 0 ? `${TIMEOUT_MESSAGE} (it hung in ${hung.map((name) => `"${name}"`).join(', ')})` : TIMEOUT_MESSAGE;
    return { ...base, points: sum(graded.map((test) => test.points)), status: 'timed-out', message, tests: graded };
  }
  if (tests.length === 0) {
    // The spec itself did not load: a fault of the course, not of the learner.
    const message = `the hidden spec of ${exercise.id} could not run: ${describeFailure(outcome.fileErrors[0], target)}\nPlease report this to the course maintainers.`;
    return { ...base, points: 0, status: 'spec-error', message, tests };
  }
  const loadError = [...outcome.results.values(), { errors: outcome.fileErrors }]
    .flatMap((result) => result.errors)
    .find((error) => error.name === 'ExerciseLoadError');
  if (loadError) {
    const message = describeFailure(loadError, target);
    return { ...base, points: 0, status: 'load-error', message, tests: tests.map(zeroWith(message)) };
  }
  const points = sum(tests.map((test) => test.points));
  // No points, and the stub's own "not implemented yet" is still what the tests run into. (Some
  // tests fail on a stub for another reason, e.g. that it throws instead of rejecting.)
  const untouched = points === 0 && tests.some((test) => NOT_IMPLEMENTED.test(test.message ?? ''));
  const status: ExerciseStatus = points === maxPoints ? 'done' : points > 0 ? 'partial' : untouched ? 'not-started' : 'failing';
  return { ...base, points, status, tests };
}

export function totalOf(exercises: readonly ExerciseReport[]): GradeReport['total'] {
  return { points: sum(exercises.map((e) => e.points)), maxPoints: sum(exercises.map((e) => e.maxPoints)) };
}

function zeroWith(message: string): (test: TestReport) => TestReport {
  return (test) => ({ ...test, status: 'failed', points: 0, message });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
