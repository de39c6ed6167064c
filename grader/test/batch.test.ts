// Batch grading as a teacher runs it: a folder of submissions, some of them broken in each way a
// submission breaks, graded into a gradebook, reports and feedback; resumed; sharded and merged.
// Two exercises only (event-order and sleep), so that the whole file takes seconds.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { shardOf } from '../src/batch/batch.ts';
import { parseCsv } from '../src/batch/gradebook.ts';
import { repoRoot } from '../src/catalogue.ts';
import { type CliRun, runCli } from './helpers.ts';

const FILTER = ['event-order', 'sleep'];
const IDS = ['01-event-loop/event-order', '01-event-loop/sleep'];
const solution = (id: string) => readFileSync(path.join(repoRoot, 'solutions', `${id}.ts`), 'utf8');
const wrongSleep = readFileSync(path.join(repoRoot, 'grader/wrong/01-event-loop/sleep/leaks-timer.ts'), 'utf8');

/** Writes `files` (relative path → content) under `dir`. */
function write(dir: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
}

function makeBatch(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'course-batch-test-'));
  // A clone of the repository, with its own package.json at the top: full marks.
  write(path.join(folder, 'ada'), { 'package.json': '{"name":"student"}\n', 'exercises/01-event-loop/event-order.ts': solution(IDS[0]!), 'exercises/01-event-loop/sleep.ts': solution(IDS[1]!) });
  // The exercises/ folder itself, one exercise partly wrong.
  write(path.join(folder, 'ben'), { '01-event-loop/event-order.ts': solution(IDS[0]!), '01-event-loop/sleep.ts': wrongSleep });
  // Not a folder.
  writeFileSync(path.join(folder, 'cleo.zip'), 'PK not really a zip');
  // sleep renamed; a package.json of its own inside exercises/ (ignored, no points lost).
  write(path.join(folder, 'dan'), {
    'exercises/package.json': '{"type":"commonjs","imports":{"#x":"./x.js"}}\n',
    'exercises/01-event-loop/event-order.ts': solution(IDS[0]!),
    'exercises/01-event-loop/sleep-done.ts': solution(IDS[1]!),
  });
  // A symbolic link pointing out of the folder, at the reference solution.
  write(path.join(folder, 'eve'), { 'exercises/01-event-loop/event-order.ts': solution(IDS[0]!) });
  symlinkSync(path.join(repoRoot, 'solutions/01-event-loop/sleep.ts'), path.join(folder, 'eve/exercises/01-event-loop/sleep.ts'));
  // A syntax error in one file, the other missing.
  write(path.join(folder, 'finn'), { 'exercises/01-event-loop/sleep.ts': 'export function sleep(ms: number) {\n  return new Promise((r) => setTimeout(r, ms)\n}\n' });
  // Nothing that looks like the course.
  write(path.join(folder, 'gus'), { 'notes.txt': 'I did not do it\n' });
  return folder;
}

interface Report {
  target: string;
  student: string;
  total: { points: number; maxPoints: number };
  exercises: { id: string; points: number; maxPoints: number; status: string; message?: string; tests: { name: string; status: string; points: number; maxPoints: number; message?: string }[] }[];
  batch: { specsHash: string; submissionHash: string; reason?: string; notes: string[] };
}

describe('a batch of submissions', () => {
  let folder: string;
  let out: string;
  let run: CliRun;
  let rows: string[][];
  const report = (student: string): Report => JSON.parse(readFileSync(path.join(out, 'reports', `${student}.json`), 'utf8'));
  const row = (student: string) => rows.find((r) => r[0] === student)!;

  beforeAll(async () => {
    folder = makeBatch();
    out = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-grades-')), 'grades');
    run = await runCli(['grade', ...FILTER, '--batch', folder, '--out', out]);
    rows = parseCsv(readFileSync(path.join(out, 'gradebook.csv'), 'utf8'));
  });

  test('exits with 0 and writes a gradebook: one row per student, a column per exercise, the total', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(rows[0]).toEqual(['student', ...IDS, 'total', 'max', 'notes']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['ada', 'ben', 'cleo.zip', 'dan', 'eve', 'finn', 'gus']);
    for (const r of rows.slice(1)) {
      expect(Number(r[3])).toBe(Number(r[1]) + Number(r[2]));
      expect(r[3]).toBe(String(report(r[0]!).total.points));
    }
    expect(row('ada')[3]).toBe(row('ada')[4]);
  });

  test('writes a JSON report per student in the grader’s shape, with what it was graded from', () => {
    const ada = report('ada');
    expect(Object.keys(ada).sort()).toEqual(['batch', 'exercises', 'student', 'target', 'total']);
    expect(ada.exercises.map((e) => e.id)).toEqual(IDS);
    for (const exercise of ada.exercises) {
      expect(exercise).toMatchObject({ status: 'done', points: exercise.maxPoints });
      for (const t of exercise.tests) {
        expect(Object.keys(t)).toEqual(expect.arrayContaining(['maxPoints', 'name', 'points', 'status']));
        expect(Object.keys(t).filter((key) => !['maxPoints', 'name', 'points', 'status', 'hint', 'section'].includes(key))).toEqual([]);
      }
    }
    expect(ada.batch.specsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('writes Markdown feedback: points, failing tests with their reasons, and never the specs’ source', () => {
    const ben = readFileSync(path.join(out, 'feedback', 'ben.md'), 'utf8');
    const benReport = report('ben');
    const sleep = benReport.exercises[1]!;
    expect(sleep.status).toBe('partial');
    expect(ben).toContain(`## 01-event-loop/sleep: ${sleep.points}/${sleep.maxPoints}`);
    for (const failed of sleep.tests.filter((t) => t.status === 'failed')) expect(ben).toContain(failed.message!.split('\n')[0]);
    expect(ben).toContain('clears its timer when aborted, leaving no timer behind');
    const spec = readFileSync(path.join(repoRoot, 'grader/specs/01-event-loop/sleep.spec.ts'), 'utf8');
    const specLines = spec.split('\n').map((line) => line.trim()).filter((line) => line.length >= 25 && !line.startsWith('//') && !/^(test|describe)\(/.test(line));
    for (const file of readdirSync(path.join(out, 'feedback'))) {
      const text = readFileSync(path.join(out, 'feedback', file), 'utf8');
      expect(specLines.filter((line) => text.includes(line)), file).toEqual([]);
      expect(text).not.toMatch(/grader[\\/]specs|spec-kit|\.spec\.ts|expect\(/);
    }
  });

  test('a file instead of a folder scores 0 with its reason, and the batch goes on', () => {
    expect(row('cleo.zip')[3]).toBe('0');
    expect(row('cleo.zip')[5]).toMatch(/cleo\.zip is not a folder.*Unpack the archive/);
    expect(report('cleo.zip').exercises.map((e) => e.maxPoints)).toEqual(report('ada').exercises.map((e) => e.maxPoints));
  });

  test('a renamed exercise scores 0, naming the file that looks like it; its own package.json is ignored', () => {
    const dan = report('dan');
    expect(dan.exercises[0]).toMatchObject({ status: 'done' });
    expect(dan.exercises[1]).toMatchObject({ status: 'load-error', points: 0 });
    expect(dan.exercises[1]!.message).toBe(
      "exercises/01-event-loop/sleep.ts is not in the submission, but exercises/01-event-loop/sleep-done.ts is: was it renamed or moved? Only the stub's own path is graded.",
    );
    expect(dan.batch.notes.join()).toContain('Ignored exercises/package.json');
  });

  test('a symbolic link out of the folder is not followed: 0 for that exercise, with the reason', () => {
    const eve = report('eve');
    expect(eve.exercises[0]).toMatchObject({ status: 'done' });
    expect(eve.exercises[1]).toMatchObject({ status: 'load-error', points: 0 });
    expect(eve.exercises[1]!.message).toMatch(/sleep\.ts is a symbolic link to a file outside the submission/);
  });

  test('a syntax error and a missing file each score 0 with their own message, naming the student’s path', () => {
    const finn = report('finn');
    expect(finn.exercises[0]!.message).toBe('exercises/01-event-loop/event-order.ts is not in the submission.');
    expect(finn.exercises[1]!.message).toMatch(/^exercises\/01-event-loop\/sleep\.ts:3 has a syntax error: /);
    expect(JSON.stringify(finn)).not.toContain(os.tmpdir());
  });

  test('a folder with no exercises at all scores 0 saying so', () => {
    expect(report('gus').batch.reason).toMatch(/gus holds no exercises/);
  });

  test('shows progress on stderr: students done and the time left', () => {
    // Submissions are graded several at once, so they finish in any order.
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('['));
    expect(lines).toHaveLength(7);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^\\[${i + 1}/7\\] \\S+: \\d+/\\d+ · ${i === 6 ? 'done' : '(about \\d+ s left|estimating the time left)'}$`)));
    expect(lines.map((line) => line.split(' ')[1]!.replace(/:$/, '')).sort()).toEqual(['ada', 'ben', 'cleo.zip', 'dan', 'eve', 'finn', 'gus']);
  });

  test('leaves no temporary file behind in the output folder', () => {
    const all = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [e.name]));
    expect(all(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('a second run resumes: nothing graded again, the same gradebook byte for byte; a changed submission is graded again', async () => {
    const before = readFileSync(path.join(out, 'gradebook.csv'));
    const again = await runCli(['grade', ...FILTER, '--batch', folder, '--out', out]);
    expect(again.stdout).toContain('(0 graded now, 7 already graded)');
    expect(readFileSync(path.join(out, 'gradebook.csv')).equals(before)).toBe(true);

    // A crash half-way: one report lost, one half written.
    rmSync(path.join(out, 'reports', 'ben.json'));
    writeFileSync(path.join(out, 'reports', 'ada.json'), '{"student": "ada", "exer');
    const resumed = await runCli(['grade', ...FILTER, '--batch', folder, '--out', out]);
    expect(resumed.stdout).toContain('(2 graded now, 5 already graded)');
    expect(readFileSync(path.join(out, 'gradebook.csv')).equals(before)).toBe(true);

    writeFileSync(path.join(folder, 'ben/01-event-loop/sleep.ts'), solution(IDS[1]!));
    const changed = await runCli(['grade', ...FILTER, '--batch', folder, '--out', out]);
    expect(changed.stdout).toContain('(1 graded now, 6 already graded)');
    expect(report('ben').total.points).toBe(report('ben').total.maxPoints);
    writeFileSync(path.join(folder, 'ben/01-event-loop/sleep.ts'), wrongSleep);
    const restored = await runCli(['grade', ...FILTER, '--batch', folder, '--out', out]);
    expect(restored.stdout).toContain('(1 graded now, 6 already graded)');
    expect(readFileSync(path.join(out, 'gradebook.csv')).equals(before)).toBe(true);
  });

  test('shards partition the students, and merging them gives the unsharded gradebook', async () => {
    const students = readdirSync(folder).sort();
    const shards = [1, 2, 3].map((index) => shardOf(students, { index, count: 3 }));
    expect(shards.flat().sort()).toEqual(students);
    expect(new Set(shards.flat()).size).toBe(students.length);

    const base = mkdtempSync(path.join(os.tmpdir(), 'course-shards-'));
    const dirs = [1, 2].map((index) => path.join(base, `shard-${index}`));
    const one = await runCli(['grade', ...FILTER, '--batch', folder, '--out', dirs[0]!, '--shard', '1/2']);
    const two = await runCli(['grade', ...FILTER, '--batch', folder, '--out', dirs[1]!, '--shard', '2/2']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.stdout).toContain('(3 graded now, 0 already graded)');
    const shardRows = (dir: string) => parseCsv(readFileSync(path.join(dir, 'gradebook.csv'), 'utf8')).slice(1).map((r) => r[0]);
    expect(shardRows(dirs[0]!)).toEqual(['ada', 'cleo.zip', 'eve', 'gus']);
    expect(shardRows(dirs[1]!)).toEqual(['ben', 'dan', 'finn']);

    const merged = path.join(base, 'merged');
    const merge = await runCli(['grade', '--merge', ...dirs, '--out', merged]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(readFileSync(path.join(merged, 'gradebook.csv'), 'utf8')).toBe(readFileSync(path.join(out, 'gradebook.csv'), 'utf8'));
    expect(readdirSync(path.join(merged, 'feedback')).sort()).toEqual(students.map((s) => `${s}.md`));
  });
});

describe('batch usage errors', () => {
  test('--batch without --out is refused with an example', async () => {
    const run = await runCli(['grade', '--batch', 'somewhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--batch needs --out <dir>');
    expect(run.stderr).toContain('For example: npm run grade -- --batch submissions --out grades');
  });

  test('--batch on a file is refused', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-batch-file-')), 'subs.zip');
    writeFileSync(file, '');
    const run = await runCli(['grade', '--batch', file, '--out', path.join(path.dirname(file), 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--batch .*subs\.zip is a file, not a folder/);
  });

  test('a folder that does not exist, a bad --shard and --out without --batch are refused', async () => {
    const missing = await runCli(['grade', '--batch', 'no-such-folder', '--out', 'grades']);
    expect(missing.stderr).toContain('The batch folder "no-such-folder" does not exist');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'course-batch-shard-'));
    const shard = await runCli(['grade', '--batch', dir, '--out', `${dir}-out`, '--shard', '3/2']);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard expects i/n with 1 ≤ i ≤ n, got "3/2"');
    const out = await runCli(['grade', '--out', 'grades']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--out goes with --batch <folder>');
    expect(existsSync(path.join(repoRoot, 'grades'))).toBe(false);
  });
});

test('the GitHub Actions workflow shards the batch with a matrix, uploads each shard and merges them', () => {
  const workflow = readFileSync(path.join(repoRoot, '.github/workflows/batch-grade.yml'), 'utf8');
  expect(workflow).toMatch(/^on:\n {2}workflow_dispatch:\n {4}inputs:\n {6}submissions:/m);
  expect(workflow).toContain('shard: ${{ fromJSON(needs.plan.outputs.shards) }}');
  expect(workflow).toContain('npm run grade -- --batch "$SUBMISSIONS_DIR" --out "$OUT" --shard "$SHARD"');
  expect(workflow).toContain('SHARD: ${{ matrix.shard }}/${{ inputs.shards }}');
  expect(workflow).toContain('name: shard-${{ matrix.shard }}');
  expect(workflow).toContain('pattern: shard-*');
  expect(workflow).toContain('npm run grade -- --merge "$RUNNER_TEMP"/shards/shard-* --out "$RUNNER_TEMP/gradebook"');
});
