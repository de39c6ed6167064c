// Turns the exercise names a user typed into exercises, or explains which name matched nothing.
import { type Exercise, selectExercises, suggestionsFor } from '../catalogue.ts';
import { UsageError } from '../errors.ts';

export function selectExercisesOrExplain(filters: readonly string[]): Exercise[] {
  const unknown = filters.filter((filter) => selectExercises([filter]).length === 0);
  if (unknown.length > 0) {
    const suggestions = unknown.flatMap(suggestionsFor);
    throw new UsageError(
      `No exercise matches ${unknown.map((f) => `"${f}"`).join(', ')}.` +
        (suggestions.length > 0 ? ` Did you mean ${suggestions.join(' or ')}?` : '') +
        '\nRun `npm run list` to see every exercise.',
    );
  }
  return selectExercises(filters);
}
