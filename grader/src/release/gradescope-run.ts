// What run_autograder runs on Gradescope: grades <root>/submission (a clone of the student's
// repository, their exercises/ folder, or the exercise files uploaded side by side) against the
// hidden specs, with the batch grader's checks, and writes <root>/results/results.json.
//
//   tsx grader/src/release/gradescope-run.ts [--root /autograder] [--visibility visible]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { emptyTarget, gradePrepared, gradeTree } from '../batch/batch.ts';
import { writeFileAtomic } from '../batch/files.ts';
import { prepareSubmission } from '../batch/submission.ts';
import { exercises } from '../catalogue.ts';
import { gradescopeResults, VISIBILITIES, type Visibility } from '../formats/gradescope.ts';

const { values } = parseArgs({ options: { root: { type: 'string', default: '/autograder' }, visibility: { type: 'string', default: 'visible' }, timeout: { type: 'string', default: '20' } } });
const root = path.resolve(values.root);
const results = path.join(root, 'results', 'results.json');
const visibility = (VISIBILITIES as readonly string[]).includes(values.visibility) ? (values.visibility as Visibility) : 'visible';
const timeoutSeconds = Number(values.timeout) || 20;
const started = performance.now();
const work = mkdtempSync(path.join(os.tmpdir(), 'course-gradescope-'));
try {
  const prepared = prepareSubmission(path.join(root, 'submission'), path.join(work, 'submission'));
  const graded = await gradePrepared(prepared, exercises, timeoutSeconds, 2, () => gradeTree(exercises, emptyTarget(work), timeoutSeconds, 2));
  const notes = [...(prepared.reason ? [`Nothing could be graded: ${prepared.reason}`] : []), ...prepared.notes];
  const output = gradescopeResults({ target: 'submission', ...graded }, { testVisibility: visibility, visibility, seconds: (performance.now() - started) / 1000, notes });
  writeFileAtomic(results, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`Graded: ${graded.total.points}/${graded.total.maxPoints}`);
} catch (error) {
  console.error(error);
  const output = { score: 0, execution_time: Math.round((performance.now() - started) / 1000), output: 'The autograder failed while grading this submission. Please tell your teacher.', stdout_visibility: 'hidden', tests: [] };
  writeFileAtomic(results, `${JSON.stringify(output, null, 2)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
