// Keeps the README's list of lessons and exercises in step with grader/course.ts.
//
//   npx tsx grader/tools/readme.ts      rewrites the list between the two markers in README.md
//
// The maintainer check (grader/test/catalogue.test.ts) fails when the list is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { course } from '../course.ts';

const START = '<!-- exercise-list:start (generated from grader/course.ts by grader/tools/readme.ts) -->';
const END = '<!-- exercise-list:end -->';

export function exerciseListMarkdown(): string {
  const rows = course.map((lesson) => {
    const exercises = lesson.exercises.map((exercise) => `[\`${exercise.name}\`](exercises/${lesson.lesson}/${exercise.name}.ts)`).join(', ');
    return `| [${lesson.lesson.slice(0, 2)}](lessons/${lesson.lesson}.md) | ${lesson.title} | ${exercises || '—'} |`;
  });
  return [START, '', '| # | Lesson | Exercises |', '| --- | --- | --- |', ...rows, '', END].join('\n');
}

function main(): void {
  const file = path.resolve(import.meta.dirname, '../../README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md has no exercise list markers; add ${START} and ${END} where the list belongs.`);
  writeFileSync(file, readme.slice(0, start) + exerciseListMarkdown() + readme.slice(end + END.length));
  console.log('README.md: exercise list updated.');
}

if (import.meta.filename === process.argv[1]) main();
