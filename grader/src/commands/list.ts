// `npm run list`: every lesson and exercise in course order, with the names the other commands take.
import { course } from '../../course.ts';
import { colour } from '../format.ts';

export function list(): void {
  for (const lesson of course) {
    console.log(colour.bold(`${lesson.lesson}  ${lesson.title}`));
    for (const exercise of lesson.exercises) console.log(`  ${exercise.name.padEnd(16)}${exercise.title.replace(/`/g, '')}`);
  }
}
