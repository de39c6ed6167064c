// `npm run hint -- <exercise>`: every hint of one exercise, gentlest first.
import { selectExercisesOrExplain } from './select.ts';
import { UsageError } from '../errors.ts';
import { colour } from '../format.ts';

export function hint(filter: string | undefined): void {
  if (!filter) throw new UsageError('Name the exercise you want a hint for, for example `npm run hint -- sleep`.');
  const [exercise, ...others] = selectExercisesOrExplain([filter]);
  if (!exercise) throw new UsageError(`No exercise matches "${filter}".`);
  if (others.length > 0) {
    throw new UsageError(`"${filter}" matches several exercises: ${[exercise, ...others].map((e) => e.name).join(', ')}. Name one of them.`);
  }
  console.log(colour.bold(`Hints for ${exercise.id} — ${exercise.title.replace(/`/g, '')}`));
  exercise.hints.forEach((text, index) => console.log(`\n${index + 1}. ${text}`));
  console.log(colour.dim(`\nThe lesson: lessons/${exercise.lesson}.md`));
}
