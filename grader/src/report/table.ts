// The human report: one row per exercise in course order, the failing tests of exercises that are
// under way, the total with a progress bar, and what to do next.
import { type Exercise, exercises as allExercises } from '../catalogue.ts';
import { colour, glyph, indent, pad, percent, plural, progressBar } from '../format.ts';
import { suggestionFor } from '../guidance.ts';
import type { ExerciseReport, ExerciseStatus, GradeReport } from '../score.ts';

const MAX_FAILURES_SHOWN = 5;

const statusLabel: Record<ExerciseStatus, string> = {
  done: 'done',
  partial: 'partial',
  'not-started': 'not started',
  failing: 'failing',
  'load-error': 'does not load',
  'timed-out': 'timed out',
  'spec-error': 'grader error',
};

export function renderTable(report: GradeReport, shownTarget: string): string {
  const out: string[] = [];
  out.push(colour.bold(`Grading ${shownTarget}`), '');
  const nameWidth = Math.max(...report.exercises.map((e) => e.id.split('/')[1]!.length), 8) + 2;
  let lesson = '';
  for (const exercise of report.exercises) {
    const info = allExercises.find((e) => e.id === exercise.id)!;
    if (info.lesson !== lesson) {
      lesson = info.lesson;
      out.push(colour.bold(`${info.lesson.slice(0, 2)} · ${info.lessonTitle}`));
    }
    out.push(row(exercise, info, nameWidth));
    out.push(...details(exercise));
  }
  const { points, maxPoints } = report.total;
  const done = report.exercises.filter((e) => e.status === 'done').length;
  out.push(
    '',
    `${colour.bold('Total')}  ${points}/${maxPoints} points (${percent(points, maxPoints)}%)  ${progressBar(maxPoints ? points / maxPoints : 0)}  ${done} of ${plural(report.exercises.length, 'exercise')} done`,
  );
  out.push('', ...nextSteps(report));
  return out.join('\n');
}

export function row(exercise: ExerciseReport, info: Exercise, nameWidth: number): string {
  const icon = {
    done: colour.green(glyph.pass),
    partial: colour.yellow(glyph.partial),
    'not-started': colour.dim(glyph.todo),
    failing: colour.red(glyph.fail),
    'load-error': colour.red(glyph.error),
    'timed-out': colour.red(glyph.error),
    'spec-error': colour.red(glyph.error),
  }[exercise.status];
  const score = `${exercise.points}/${exercise.maxPoints}`.padStart(7);
  return `  ${icon} ${pad(info.name, nameWidth)}${pad(statusLabel[exercise.status], 14)}${score}  ${colour.dim(info.title.replace(/`/g, ''))}`;
}

/** The message of an exercise that does not load or timed out, or its failing tests with their reasons. */
export function details(exercise: ExerciseReport): string[] {
  if (exercise.message) return [colour.red(indent(exercise.message, 6))];
  if (exercise.status !== 'partial' && exercise.status !== 'failing') return [];
  const failed = exercise.tests.filter((test) => test.status === 'failed');
  const lines = failed.slice(0, MAX_FAILURES_SHOWN).flatMap((test) => [
    `      ${colour.red(glyph.fail)} ${test.name}${test.maxPoints > 1 ? colour.dim(` (${test.maxPoints} pts)`) : ''}`,
    colour.dim(indent(test.message ?? 'failed', 8)),
  ]);
  if (failed.length > MAX_FAILURES_SHOWN) {
    lines.push(colour.dim(`      … and ${failed.length - MAX_FAILURES_SHOWN} more failing (npm run grade -- ${exercise.id.split('/')[1]} shows them all)`));
  }
  return lines;
}

function nextSteps(report: GradeReport): string[] {
  const next = report.exercises.find((e) => e.status !== 'done');
  if (!next) {
    // Everything graded is done: point past the last graded exercise, to the rest of the course.
    const lastIndex = Math.max(...report.exercises.map((graded) => allExercises.findIndex((e) => e.id === graded.id)));
    const following = allExercises[lastIndex + 1];
    if (!following) return [colour.green('Every graded exercise is done, and that is the end of the course. Well played!')];
    const lessonDone = following.lesson !== allExercises[lastIndex]!.lesson;
    return [
      colour.green(`Every graded exercise is done.${lessonDone ? ` That completes lesson ${allExercises[lastIndex]!.lesson.slice(0, 2)}.` : ''}`),
      '',
      ...steps(following),
    ];
  }
  const info = allExercises.find((e) => e.id === next.id)!;
  const fresh = report.exercises.every((e) => e.points === 0) && info.id === allExercises[0]!.id;
  return [...(fresh ? [`${colour.bold('New here?')} Start with lessons/00-how-this-course-works.md, then:`, ''] : []), ...steps(info, next)];
}

/** What to do about an exercise; `report` is its grade, when it was graded and is under way. */
function steps(info: Exercise, report?: ExerciseReport): string[] {
  const suggestion = suggestionFor(info, report);
  return [
    `${colour.bold('Next:')} ${info.id} — ${info.title.replace(/`/g, '')}`,
    `  Read   ${suggestion.read}`,
    `  Edit   exercises/${info.id}.ts`,
    `  Hint   ${suggestion.hint ?? 'none'}`,
    `  Then   npm run watch   (grades it on every save)   ·   npm run grade -- ${info.name}   ·   npm run hint -- ${info.name}`,
  ];
}
