// The catalogue as the grader uses it: the lessons of grader/course.ts flattened into one list of
// exercises in course order, each with its id and the paths that follow from it.
import path from 'node:path';
import { course } from '../course.ts';

/** The repository root: grader/src/ is two levels below it. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Exercise {
  /** `<lesson>/<name>`, as in the JSON report: `01-event-loop/sleep`. */
  readonly id: string;
  readonly lesson: string;
  readonly lessonTitle: string;
  readonly name: string;
  readonly title: string;
  readonly hints: readonly string[];
}

export const exercises: readonly Exercise[] = course.flatMap((lesson) =>
  lesson.exercises.map((exercise) => ({
    id: `${lesson.lesson}/${exercise.name}`,
    lesson: lesson.lesson,
    lessonTitle: lesson.title,
    name: exercise.name,
    title: exercise.title,
    hints: exercise.hints,
  })),
);

/** Where each file of an exercise lives; `root` is a target tree such as exercises/ or solutions/. */
export const files = {
  lesson: (lesson: string) => path.join(repoRoot, 'lessons', `${lesson}.md`),
  module: (root: string, exercise: Exercise) => path.join(root, exercise.lesson, `${exercise.name}.ts`),
  visibleTest: (exercise: Exercise) => path.join(repoRoot, 'exercises', exercise.lesson, `${exercise.name}.test.ts`),
  solution: (exercise: Exercise) => path.join(repoRoot, 'solutions', exercise.lesson, `${exercise.name}.ts`),
  spec: (exercise: Exercise) => path.join(repoRoot, 'grader', 'specs', exercise.lesson, `${exercise.name}.spec.ts`),
  wrongSolutions: (exercise: Exercise) => path.join(repoRoot, 'grader', 'wrong', exercise.lesson, exercise.name),
  rightSolutions: (exercise: Exercise) => path.join(repoRoot, 'grader', 'right', exercise.lesson, exercise.name),
  /** Mutants of the solution that no test can tell apart from it, with the reason: `npm run mutation` subtracts them. */
  equivalentMutants: (exercise: Exercise) => path.join(repoRoot, 'grader', 'specs', exercise.lesson, `${exercise.name}.equivalent.json`),
};

/**
 * The exercises a filter names, in course order. A filter matches an exercise's id, its name,
 * its lesson folder, the lesson's number or a path to its file: `01-event-loop/sleep`, `sleep`,
 * `01-event-loop`, `01`, `exercises/01-event-loop/sleep.ts`.
 */
export function selectExercises(filters: readonly string[]): Exercise[] {
  if (filters.length === 0) return [...exercises];
  return exercises.filter((exercise) => filters.some((filter) => matches(exercise, filter)));
}

function matches(exercise: Exercise, rawFilter: string): boolean {
  const filter = rawFilter.replace(/\\/g, '/').replace(/\/+$/, '').replace(/\.(spec\.|test\.)?ts$/, '');
  return (
    exercise.id === filter ||
    exercise.name === filter ||
    exercise.lesson === filter ||
    exercise.lesson.split('-')[0] === filter ||
    // A path typed with tab completion: exercises/01-event-loop/sleep.ts
    filter.endsWith(`/${exercise.id}`)
  );
}

/** Names close to an unknown filter, for "did you mean". */
export function suggestionsFor(filter: string): string[] {
  const needle = filter.toLowerCase();
  return exercises
    .filter((exercise) => exercise.id.includes(needle) || needle.includes(exercise.name) || editDistance(exercise.name, needle) <= 2)
    .map((exercise) => exercise.id);
}

/** How many one-letter edits turn `a` into `b` (Levenshtein distance). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
