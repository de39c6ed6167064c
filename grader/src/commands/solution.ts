// `npm run solution -- <exercise> [--force]`: the reference solution of an exercise, once the
// learner has done it (graded at full marks), to compare with their own; --force shows it anyway.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { files, repoRoot } from '../catalogue.ts';
import { UsageError } from '../errors.ts';
import { colour } from '../format.ts';
import { loadProgress } from '../state.ts';
import { selectExercisesOrExplain } from './select.ts';

export function solution(filter: string | undefined, force: boolean): void {
  if (!filter) throw new UsageError('Name the exercise, for example `npm run solution -- sleep`.');
  const [exercise, ...others] = selectExercisesOrExplain([filter]);
  if (!exercise || others.length > 0) {
    throw new UsageError(`"${filter}" matches several exercises; name one, for example \`npm run solution -- ${exercise?.name ?? 'sleep'}\`.`);
  }
  const file = files.solution(exercise);
  if (!existsSync(file)) throw new UsageError('The reference solutions are not in this copy of the course; your teacher has them.');
  if (!force && !loadProgress().done.includes(exercise.id)) {
    throw new UsageError(
      `${exercise.name} is not done yet, so its solution stays hidden: finish it first (\`npm run grade -- ${exercise.name}\` or \`npm run watch\`), or add --force to see it now.`,
    );
  }
  console.log(colour.dim(`// ${path.relative(repoRoot, file)}\n`));
  console.log(readFileSync(file, 'utf8'));
}
