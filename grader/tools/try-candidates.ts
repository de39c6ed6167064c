// Grades the wrong and right solutions of some exercises and says, for each, whether the spec
// tells it apart: a wrong one must lose points, a right one must score full marks.
//
//   npm run candidates [-- <exercise or lesson>…] [--messages]
//
// For a wrong solution it lists the tests that caught it (with --messages: every one of them, with
// the whole message a learner would read); for one that got full marks, or a right
// one that lost points, it says which spec clause to look at. `npm test` checks the same, for all.
import { parseArgs } from 'node:util';
import { selectExercisesOrExplain } from '../src/commands/select.ts';
import { UsageError } from '../src/errors.ts';
import { colour, glyph } from '../src/format.ts';
import { candidates, gradeCandidates } from './candidates.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { messages: { type: 'boolean', default: false } } });
const shown = (count: number) => (values.messages ? Infinity : count);
let selected;
try {
  selected = new Set(selectExercisesOrExplain(positionals).map((exercise) => exercise.id));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}

let problems = 0;
for (const kind of ['wrong', 'right'] as const) {
  const list = candidates(kind).filter((candidate) => selected.has(candidate.exercise.id));
  const rows = await gradeCandidates(list);
  rows.sort((a, b) => `${a.candidate.exercise.id}/${a.candidate.name}`.localeCompare(`${b.candidate.exercise.id}/${b.candidate.name}`));
  console.log(colour.bold(`\n${kind} solutions (${rows.length})`));
  for (const { candidate, result } of rows) {
    const ok = result.status !== 'load-error' && (kind === 'wrong' ? result.points < result.maxPoints : result.points === result.maxPoints);
    if (!ok) problems++;
    const mark = ok ? colour.green(glyph.pass) : colour.red(glyph.fail);
    console.log(`${mark} ${candidate.exercise.id}/${candidate.name}  ${result.points}/${result.maxPoints}${result.status === 'load-error' ? ` (does not load: ${result.message})` : ''}`);
    const failing = result.tests.filter((test) => test.status === 'failed');
    const limit = shown(kind === 'wrong' ? 3 : 10);
    for (const test of failing.slice(0, limit)) {
      const message = test.message ?? '';
      console.log(colour.dim(`    ${glyph.fail} ${test.name}: ${values.messages ? `\n${message.replace(/^/gm, '        ')}` : message.split('\n')[0]}`));
    }
    if (failing.length > limit) console.log(colour.dim(`    … and ${failing.length - limit} more`));
  }
}
console.log(problems === 0 ? '\nEvery wrong solution loses points and every right one scores full marks.' : `\n${problems} candidate(s) graded the wrong way.`);
process.exit(problems === 0 ? 0 : 1);
