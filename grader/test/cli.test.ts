// The grader as a learner and a teacher use it: filters, targets, the JSON report, the hint and
// list commands, and submissions that do not load or never finish.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exercises, repoRoot } from '../src/catalogue.ts';
import { type CliRun, makeTarget, runCli } from './helpers.ts';

/** Where the table row of an exercise starts (`  ✔ sleep     done …`), or -1. */
function rowOf(stdout: string, name: string): number {
  return stdout.search(new RegExp(`^  \\S ${name} `, 'm'));
}

describe('grading the untouched exercises', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['grade']);
  });

  test('exits with 0 whatever the score', () => {
    expect(run.code).toBe(0);
  });

  test('prints one row per exercise, in course order, each at 0 points', () => {
    const rows = exercises.map((exercise) => rowOf(run.stdout, exercise.name));
    expect(rows.every((index) => index > 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(run.stdout).toMatch(/Total\s+0\/\d+ points \(0%\)/);
  });

  test('names the first exercise as the next one, with its first hint', () => {
    const first = exercises[0]!;
    expect(run.stdout).toContain(`Next: ${first.id}`);
    expect(run.stdout).toContain(first.hints[0]);
  });
});

describe('filters and targets', () => {
  test('a name grades that exercise only', async () => {
    const run = await runCli(['grade', 'sleep', '--target', 'solutions']);
    expect(run.code).toBe(0);
    expect(rowOf(run.stdout, 'sleep')).toBeGreaterThan(0);
    expect(rowOf(run.stdout, 'event-order')).toBe(-1);
    expect(run.stdout).toMatch(/Total\s+(\d+)\/\1 points \(100%\)/);
  });

  test('a lesson folder grades the exercises of that lesson', async () => {
    const run = await runCli(['grade', '01-event-loop', '--target', 'solutions']);
    const lesson = exercises.filter((exercise) => exercise.lesson === '01-event-loop');
    for (const exercise of lesson) expect(rowOf(run.stdout, exercise.name)).toBeGreaterThan(0);
    expect(rowOf(run.stdout, 'lazy')).toBe(-1);
  });

  test('an unknown exercise is refused with exit code 2 and a suggestion', async () => {
    const run = await runCli(['grade', 'slep']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No exercise matches "slep". Did you mean 01-event-loop/sleep?');
    expect(run.stdout).toBe('');
  });

  test('a target folder that does not exist is refused with exit code 2', async () => {
    const run = await runCli(['grade', '--target', 'no-such-folder']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The target folder "no-such-folder" does not exist');
  });

  test('a relative target is read from the directory the command was typed in', async () => {
    const submission = makeTarget();
    const run = await runCli(['grade', 'sleep', '--target', path.basename(submission)], path.dirname(submission));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('100%');
  });

  test('an unknown option is refused with exit code 2', async () => {
    const run = await runCli(['grade', '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`npm run grade` has no option --colour. It takes --target <dir>, --json <file>, --junit <file>, --classroom <file>, --timeout <seconds>, --batch <folder>, --out <dir>, --shard <i/n>, --jobs <n>, --merge.');
  });
});

test('an option that belongs to another command is refused, not ignored', async () => {
  const run = await runCli(['grade', 'sleep', '--watch']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('`npm run grade` has no option --watch.');
  expect(run.stderr).toMatch(/For example: npm run grade -- /);
});

describe('the JSON report', () => {
  test('holds the target, the totals, and every exercise and test with points and status', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-json-')), 'report.json');
    const run = await runCli(['grade', '01-event-loop', '--target', 'solutions', '--json', file]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.target).toBe('solutions');
    expect(report.exercises.map((e: { id: string }) => e.id)).toEqual(exercises.filter((e) => e.lesson === '01-event-loop').map((e) => e.id));
    for (const exercise of report.exercises) {
      expect(exercise).toMatchObject({ status: 'done', points: exercise.maxPoints });
      for (const t of exercise.tests) {
        // A passing test has no message; hint and section are there when its spec gives them.
        expect(Object.keys(t)).toEqual(expect.arrayContaining(['maxPoints', 'name', 'points', 'status']));
        expect(Object.keys(t).filter((key) => !['maxPoints', 'name', 'points', 'status', 'hint', 'section'].includes(key))).toEqual([]);
      }
    }
    const sum = (key: 'points' | 'maxPoints') => report.exercises.reduce((total: number, e: Record<string, number>) => total + e[key]!, 0);
    expect(report.total).toEqual({ points: sum('points'), maxPoints: sum('maxPoints') });
  });
});

describe('a submission with broken files', () => {
  // One exercise per way of breaking: each must score 0 with its own message, and the rest of the
  // submission must still be graded in full.
  let run: CliRun;
  let report: { exercises: { id: string; status: string; points: number; maxPoints: number; message?: string }[] };
  beforeAll(async () => {
    const target = makeTarget({
      '01-event-loop/sleep.ts': 'export function sleep(ms: number): Promise<void> {\n  return new Promise((resolve) => setTimeout(resolve, ms)\n}\n',
      '01-event-loop/yielding-loop.ts': 'export function yieldToEventLoop(): Promise<void> {\n  while (true) {}\n}\nexport function processInChunks(): Promise<unknown[]> {\n  while (true) {}\n}\n',
      '02-coroutines/promisify.ts': 'export function promisfy(): void {}\n',
      '02-coroutines/lazy.ts': 'const settings = JSON.parse("{not json");\nexport function lazy(): unknown {\n  return settings;\n}\n',
    });
    rmSync(path.join(target, '03-futures/future.ts'));
    writeFileSync(path.join(target, '04-tasks/task.ts'), 'while (true) {}\nexport {};\n');
    const file = path.join(target, 'report.json');
    run = await runCli(['grade', '--target', target, '--json', file, '--timeout', '6']);
    report = JSON.parse(readFileSync(file, 'utf8'));
  });
  const find = (id: string) => report.exercises.find((exercise) => exercise.id === id)!;

  test('grading still exits with 0', () => {
    expect(run.code).toBe(0);
  });

  test('a syntax error scores 0 with a message naming the file, the line and the problem', () => {
    expect(find('01-event-loop/sleep')).toMatchObject({ status: 'load-error', points: 0 });
    expect(find('01-event-loop/sleep').message).toMatch(/01-event-loop\/sleep\.ts:3 has a syntax error: .+/);
  });

  test('a deleted exercise file scores 0 with a message saying it is missing and how to restore it', () => {
    expect(find('03-futures/future')).toMatchObject({ status: 'load-error', points: 0 });
    expect(find('03-futures/future').message).toMatch(/03-futures\/future\.ts is missing\. Restore the stub \(for example with `git checkout -- .+`\)/);
  });

  test('a module that loops forever at import is stopped after --timeout and scores 0 as timed out', () => {
    expect(find('04-tasks/task')).toMatchObject({ status: 'timed-out', points: 0, message: 'timed out: does it loop forever or never resolve?' });
  });

  test('a missing export scores 0 with a message naming the export', () => {
    expect(find('02-coroutines/promisify')).toMatchObject({ status: 'load-error', points: 0 });
    expect(find('02-coroutines/promisify').message).toMatch(/02-coroutines\/promisify\.ts does not export `promisify`/);
  });

  test('a module that throws at import scores 0 with the line and the error', () => {
    expect(find('02-coroutines/lazy')).toMatchObject({ status: 'load-error', points: 0 });
    expect(find('02-coroutines/lazy').message).toMatch(/02-coroutines\/lazy\.ts:1 throws while it is being imported: SyntaxError/);
  });

  test('code that loops in every test is stopped by the watchdog and scores 0 as timed out, naming the tests that hung', () => {
    expect(find('01-event-loop/yielding-loop')).toMatchObject({ status: 'timed-out', points: 0 });
    expect(find('01-event-loop/yielding-loop').message).toMatch(/^timed out: does it loop forever or never resolve\? \(it hung in ".+", ".+", ".+"\)$/);
  });

  test('the other exercises are graded in full', () => {
    expect(find('01-event-loop/event-order')).toMatchObject({ status: 'done' });
    expect(find('01-event-loop/event-order').points).toBe(find('01-event-loop/event-order').maxPoints);
  });

  test('the table shows each problem once, with no stack trace and nothing from the hidden specs', () => {
    expect(run.stdout).toContain('does not load');
    expect(run.stdout).toContain('timed out');
    expect(run.stdout).not.toMatch(/grader[\\/]specs|spec-kit|\.spec\.ts|^\s+at /m);
  });
});

describe('failure messages of a partly right submission', () => {
  test('name each failing test and say why, without showing the spec’s source', async () => {
    const target = makeTarget({ '01-event-loop/sleep.ts': readFileSync(path.join(import.meta.dirname, '../wrong/01-event-loop/sleep/leaks-timer.ts'), 'utf8') });
    const run = await runCli(['grade', 'sleep', '--target', target]);
    expect(run.stdout).toMatch(/partial/);
    expect(run.stdout).toContain('✘ cancelling with a signal › clears its timer when aborted, leaving no timer behind');
    expect(run.stdout).toMatch(/: got 1, expected 0$/m);
    expect(run.stdout).not.toMatch(/grader[\\/]specs|spec-kit|\.spec\.ts|expect\(|^\s+at /m);
  });
});

describe('check', () => {
  test('runs the visible tests of the named exercise and of no other', async () => {
    const run = await runCli(['check', 'sleep']);
    expect(run.stdout).toContain('exercises/01-event-loop/sleep.test.ts');
    for (const exercise of exercises.filter((e) => e.name !== 'sleep')) expect(run.stdout).not.toContain(`${exercise.name}.test.ts`);
  });

  test('an unknown exercise is refused with exit code 2 and a suggestion', async () => {
    const run = await runCli(['check', 'slep']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Did you mean 01-event-loop/sleep?');
  });
});

describe('hint and list', () => {
  test('hint reveals one hint at a time, remembers how many, and --all shows every one', async () => {
    const sleep = exercises.find((exercise) => exercise.name === 'sleep')!;
    const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-hints-')), 'state.json');
    const first = await runCli(['hint', 'sleep'], repoRoot, { COURSE_STATE_FILE: stateFile });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`1. ${sleep.hints[0]}`);
    expect(first.stdout).not.toContain(`2. ${sleep.hints[1]}`);
    const second = await runCli(['hint', 'sleep'], repoRoot, { COURSE_STATE_FILE: stateFile });
    expect(second.stdout).toContain(`2. ${sleep.hints[1]}`);
    expect(second.stdout).not.toContain(`3. ${sleep.hints[2]}`);
    const all = await runCli(['hint', 'sleep', '--all'], repoRoot, { COURSE_STATE_FILE: stateFile });
    sleep.hints.forEach((hint, i) => expect(all.stdout).toContain(`${i + 1}. ${hint}`));
  });

  test('hint without an exercise gives the next hint of the first exercise not done', async () => {
    const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-hints-')), 'state.json');
    const run = await runCli(['hint'], repoRoot, { COURSE_STATE_FILE: stateFile });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Hints for ${exercises[0]!.id}`);
    expect(run.stdout).toContain(`1. ${exercises[0]!.hints[0]}`);
  });

  test('solution stays hidden until the exercise is done, unless forced', async () => {
    const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-solution-')), 'state.json');
    const hidden = await runCli(['solution', 'sleep'], repoRoot, { COURSE_STATE_FILE: stateFile });
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toContain('sleep is not done yet');
    const forced = await runCli(['solution', 'sleep', '--force'], repoRoot, { COURSE_STATE_FILE: stateFile });
    expect(forced.stdout).toContain(readFileSync(path.join(repoRoot, 'solutions/01-event-loop/sleep.ts'), 'utf8').trim());
    writeFileSync(stateFile, JSON.stringify({ done: ['01-event-loop/sleep'], hintsShown: {} }));
    const done = await runCli(['solution', 'sleep'], repoRoot, { COURSE_STATE_FILE: stateFile });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('export function sleep');
  });

  test('list prints every exercise name', async () => {
    const run = await runCli(['list']);
    for (const exercise of exercises) expect(run.stdout).toContain(exercise.name);
  });
});

describe('a submission with one test that loops forever', () => {
  // The reference solution with its chunkSize check loosened, so that chunkSize 0 loops forever
  // and only the tests that pass 0 hang.
  const solution = readFileSync(path.join(repoRoot, 'solutions/01-event-loop/yielding-loop.ts'), 'utf8');
  const hanging = solution.replace('chunkSize <= 0', 'chunkSize < 0');
  let report: { exercises: { id: string; status: string; points: number; maxPoints: number; tests: { name: string; status: string; points: number; maxPoints: number; message?: string }[] }[] };
  beforeAll(async () => {
    const target = makeTarget({ '01-event-loop/yielding-loop.ts': hanging });
    const file = path.join(target, 'report.json');
    await runCli(['grade', 'yielding-loop', '--target', target, '--json', file]);
    report = JSON.parse(readFileSync(file, 'utf8'));
  });

  test('the tests that hung fail as timed out, and every other test keeps its verdict and its points', () => {
    expect(hanging, 'the solution should still contain the check this test loosens').not.toBe(solution);
    const [exercise] = report.exercises;
    const hung = exercise!.tests.filter((t) => t.message === 'timed out: does it loop forever or never resolve?');
    const passed = exercise!.tests.filter((t) => t.status === 'passed');
    expect(hung.length, 'some tests should have hung').toBeGreaterThan(0);
    expect(passed.length, 'the tests that did not hang should still pass').toBeGreaterThan(hung.length);
    expect(exercise!.status).toBe('partial');
    expect(exercise!.points).toBe(passed.reduce((n, t) => n + t.maxPoints, 0));
  });
});

test('lesson 00 shows what the grader really prints for the run it describes', async () => {
  // event-order finished, a sleep that forgets to clear its timer and its listener, yielding-loop untouched.
  const work = mkdtempSync(path.join(os.tmpdir(), 'course-lesson-00-'));
  const target = makeTarget(
    {
      '01-event-loop/event-order.ts': readFileSync(path.join(repoRoot, 'solutions/01-event-loop/event-order.ts'), 'utf8'),
      '01-event-loop/sleep.ts': readFileSync(path.join(repoRoot, 'grader/wrong/01-event-loop/sleep/leaks-timer.ts'), 'utf8'),
    },
    path.join(repoRoot, 'exercises'),
  );
  renameSync(target, path.join(work, 'exercises'));
  const run = await runCli(['grade', '01-event-loop'], work);
  const lesson = readFileSync(path.join(repoRoot, 'lessons/00-how-this-course-works.md'), 'utf8');
  const shown = /```console\n\$ npm run grade -- 01-event-loop\n([\s\S]*?)```/.exec(lesson)?.[1];
  expect(shown, 'lesson 00 should show a `$ npm run grade -- 01-event-loop` run').toBeDefined();
  expect(run.stdout.trimEnd()).toBe(shown!.trimEnd());
});
