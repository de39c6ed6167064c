// `npm run hint [-- <exercise>] [--all]`: the hints of one exercise, one rung of the ladder at a
// time. Each call reveals the next hint (gentlest first) and remembers it in the state file, so
// the near-solution hint comes only when asked for; --all shows them all. Without a name it is
// the exercise watch mode is on, or the first one not done.
import { exercises } from '../catalogue.ts';
import { UsageError } from '../errors.ts';
import { colour } from '../format.ts';
import { loadProgress, saveProgress } from '../state.ts';
import { selectExercisesOrExplain } from './select.ts';

export function hint(filter: string | undefined, all: boolean): void {
  const progress = loadProgress();
  const exercise = filter ? only(filter) : (exercises.find((e) => e.id === progress.current) ?? exercises.find((e) => !progress.done.includes(e.id)) ?? exercises[0]!);
  const total = exercise.hints.length;
  const before = progress.hintsShown[exercise.id] ?? 0;
  const shown = all ? total : Math.min(total, before + 1);
  if (shown !== before) saveProgress({ ...progress, hintsShown: { ...progress.hintsShown, [exercise.id]: shown } });

  console.log(colour.bold(`Hints for ${exercise.id} — ${exercise.title.replace(/`/g, '')}`));
  exercise.hints.slice(0, shown).forEach((text, index) => {
    const line = `\n${index + 1}. ${text}`;
    console.log(index === shown - 1 && !all ? colour.yellow(line) : line);
  });
  console.log(
    colour.dim(
      shown < total
        ? `\n${shown} of ${total} hints shown. Run the same command again for the next one, or add --all for every hint.`
        : `\nThat is every hint. The lesson explains the rest: lessons/${exercise.lesson}.md`,
    ),
  );
}

function only(filter: string) {
  const [exercise, ...others] = selectExercisesOrExplain([filter]);
  if (!exercise) throw new UsageError(`No exercise matches "${filter}".`);
  if (others.length > 0) {
    throw new UsageError(`"${filter}" matches several exercises: ${[exercise, ...others].map((e) => e.name).join(', ')}. Name one of them, for example \`npm run hint -- ${exercise.name}\`.`);
  }
  return exercise;
}
