// What the grader suggests to a learner whose exercise is not done yet: the hint of the first
// failing test that has one (its spec knows best what that failure means), else the first hint of
// the exercise's ladder in grader/course.ts; and the lesson heading to read again.
import { headingsOf } from './anchors.ts';
import { type Exercise, files } from './catalogue.ts';
import type { ExerciseReport } from './score.ts';

export interface Suggestion {
  readonly hint: string | undefined;
  /** The hint is the failing test's own, not the first of the exercise's ladder. */
  readonly fitsTheFailure: boolean;
  /** `lessons/<lesson>.md#<anchor>`: the failing test's section, else the exercise's own heading. */
  readonly read: string;
}

export function suggestionFor(exercise: Exercise, report: ExerciseReport | undefined): Suggestion {
  const failing = report?.status === 'partial' || report?.status === 'failing' ? report.tests.filter((test) => test.status === 'failed') : [];
  const guided = failing.find((test) => test.hint !== undefined || test.section !== undefined);
  return {
    hint: guided?.hint ?? exercise.hints[0],
    fitsTheFailure: guided?.hint !== undefined,
    read: guided?.section ?? exerciseSection(exercise),
  };
}

/** The exercise's own heading at the end of its lesson (`### sleep: …`), or the lesson itself. */
export function exerciseSection(exercise: Exercise): string {
  const lesson = `lessons/${exercise.lesson}.md`;
  const heading = headingsOf(files.lesson(exercise.lesson)).find((candidate) => candidate.text.startsWith(`${exercise.name}:`));
  return heading ? `${lesson}#${heading.anchor}` : lesson;
}
