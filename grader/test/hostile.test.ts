// Hostile submissions (grader/test/hostile/): each file there is one attack on the grader, written
// over the reference solutions of one exercise. Several attacks share a grading run when they
// target different exercises, beside an exercise left clean. Each run shows the attacks
// neutralised: the grader exits with 0 and reports every exercise; an attacked exercise scores
// nothing (its code is a stub that tries to earn points by other means); the clean exercise keeps
// every point it has in a clean run; nothing is written outside the run's temporary folders; no
// process is left behind.
//
// The attacks on files and processes run three times: with the whole sandbox, and with the import
// check off so that each of the other layers is seen to hold on its own (the permission model
// without bubblewrap, and bubblewrap without the permission model, where the machine has it).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../src/catalogue.ts';
import { bwrapAvailable } from '../src/run/sandbox.ts';
import { makeTarget, runCli } from './helpers.ts';

const hostileDir = path.join(import.meta.dirname, 'hostile');
const hasBwrap = bwrapAvailable();
/** The per-test timeouts of these runs: shorter than a learner's, so that hangs cost less. */
const TEST_TIMEOUT_MS = '3000';
const PLANTED = 'course-hostile-planted.txt';
const MARKER = 'course-hostile-detached';

interface TestReport {
  name: string;
  status: string;
  points: number;
  maxPoints: number;
  message?: string;
}
interface ExerciseReport {
  id: string;
  status: string;
  points: number;
  maxPoints: number;
  message?: string;
  tests: TestReport[];
}
interface Report {
  target: string;
  total: { points: number; maxPoints: number };
  exercises: ExerciseReport[];
}

interface Graded {
  code: number | null;
  stderr: string;
  report: Report;
  target: string;
  find(name: string): ExerciseReport;
  /** Every message of an exercise, the exercise's own and its tests'. */
  messages(name: string): string;
}

/** Names, sizes and modification times of every file under `dir`: a change shows as a difference. */
function treeState(dir: string, skip: (file: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const visit = (current: string) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(current, name);
      if (skip(file)) continue;
      let info;
      try {
        info = statSync(file);
      } catch {
        continue;
      }
      if (info.isDirectory()) visit(file);
      else out.push(`${path.relative(dir, file)} ${info.size} ${info.mtimeMs}`);
    }
  };
  visit(dir);
  return out.sort();
}

function hashOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Processes, anywhere on the machine, whose command line carries the detached attack's marker. */
function markedProcesses(): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MARKER);
      } catch {
        return false;
      }
    });
}

// Two grading runs at a time: each runs two workers, and the machine may have only two cores.
let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Grades the exercises `names` of the solutions with the attacks of `groups` written over them. */
function gradeHostile(groups: readonly string[], names: readonly string[], sandbox = 'on', replace: Record<string, string> = {}): Promise<Graded> {
  return inTurn(() => gradeNow(groups, names, sandbox, replace));
}

async function gradeNow(groups: readonly string[], names: readonly string[], sandbox = 'on', replace: Record<string, string> = {}): Promise<Graded> {
  const target = makeTarget();
  for (const group of groups) cpSync(path.join(hostileDir, group), target, { recursive: true });
  for (const [file, change] of Object.entries(replace)) {
    const [from = '', to = ''] = change.split('→');
    const full = path.join(target, file);
    if (existsSync(full)) writeFileSync(full, readFileSync(full, 'utf8').replaceAll(from, to));
  }
  // The report goes where an attack can guess it, beside the target.
  const reportFile = `${target}.report.json`;
  const run = await runCli(['grade', ...names, '--target', target, '--json', reportFile, '--timeout', '4'], repoRoot, {
    COURSE_SANDBOX: sandbox,
    COURSE_TEST_TIMEOUT_MS: TEST_TIMEOUT_MS,
    COURSE_HOSTILE_HOME: os.homedir(),
  });
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  const find = (name: string) => report.exercises.find((exercise) => exercise.id.endsWith(`/${name}`))!;
  const messages = (name: string) => [find(name).message ?? '', ...find(name).tests.map((t) => t.message ?? '')].join('\n');
  return { code: run.code, stderr: run.stderr, report, target, find, messages };
}

/** What every hostile run must show, whatever the attacks. */
function expectNeutralised(graded: Graded, names: readonly string[], attacked: readonly string[]): void {
  expect(graded.code, graded.stderr).toBe(0);
  expect(graded.report.exercises.map((e) => e.id.split('/')[1]).sort()).toEqual([...names].sort());
  for (const name of attacked) {
    expect({ name, points: graded.find(name).points }).toEqual({ name, points: 0 });
  }
  for (const name of names.filter((n) => !attacked.includes(n))) {
    const clean = graded.find(name);
    expect({ name, status: clean.status, failing: clean.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`) }).toEqual({
      name,
      status: 'done',
      failing: [],
    });
  }
  // The report is the grader's own: its total is the sum of its exercises.
  const sum = graded.report.exercises.reduce((n, e) => n + e.points, 0);
  expect(graded.report.total.points).toBe(sum);
}

// What lies outside the run's folders, before any hostile run, compared after all of them.
const watched = {
  grader: () => treeState(path.join(repoRoot, 'grader'), (file) => file.includes(`${path.sep}node_modules`)),
  repository: () => treeState(repoRoot, (file) => /[\\/](node_modules|\.git|\.grader|grader)$/.test(file) || file.endsWith('.course-state.json')),
  home: () => readdirSync(os.homedir()).filter((name) => name.includes('hostile')),
  tmp: () => readdirSync(os.tmpdir()).filter((name) => name.includes('hostile')),
};
let before: Record<keyof typeof watched, string[]>;
const specFile = path.join(repoRoot, 'grader/specs/01-event-loop/sleep.spec.ts');
let specHash: string;

beforeAll(() => {
  before = { grader: watched.grader(), repository: watched.repository(), home: watched.home(), tmp: watched.tmp() };
  specHash = hashOf(specFile);
});

afterAll(async () => {
  // A detached child would write 1.5 s after it started: wait for it, then look.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(markedProcesses(), 'a process started by a submission is still running').toEqual([]);
  expect(hashOf(specFile), 'the hidden spec changed').toBe(specHash);
  for (const key of Object.keys(watched) as (keyof typeof watched)[]) {
    expect({ where: key, files: watched[key]() }).toEqual({ where: key, files: before[key] });
  }
});

describe.concurrent('hostile submissions', () => {
  const spec = readFileSync(specFile, 'utf8');
  const firstSpecLine = spec.split('\n')[0]!;
  let server: Server;
  const requests: string[] = [];
  let port = 0;
  beforeAll(async () => {
    // A server on the machine's loopback, outside the sandbox: the network attack writes to it.
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
  });
  const withPort = () => ({ '06-timeouts/shield.ts': `__PORT__→${port}` });
  // The network attack runs only where bubblewrap cuts the network: elsewhere it would reach the
  // machine (README: the permission model does not cover the network).
  const files = ['event-order', 'gather', 'as-completed', ...(hasBwrap ? ['shield'] : [])];

  test('exiting, killing, rejecting, flooding, exhausting the heap, replacing globals, touching files, processes and the network: refused or contained', async () => {
    const attacked = ['sleep', 'yielding-loop', 'promisify', 'lazy', 'future', 'task', 'task-tracker', ...files];
    const names = [...attacked, 'collect-errors'];
    const graded = await gradeHostile(['process', 'files'], names, 'on', withPort());
    expectNeutralised(graded, names, attacked);
    expect(graded.find('sleep')).toMatchObject({ status: 'load-error' });
    expect(graded.messages('sleep')).toContain('process.exit unexpectedly called');
    expect(graded.messages('promisify')).toContain('process.kill is not available to graded code');
    for (const name of ['event-order', 'gather', 'as-completed']) {
      expect(graded.find(name)).toMatchObject({ status: 'load-error' });
      expect(graded.find(name).message).toMatch(/\.ts:\d+ uses .+, which the grader does not allow: .+/);
    }
    expect(requests).toEqual([]);
  });

  test('looping at import, looping in a test and never settling are stopped; tampering with the assertions and forging results earn nothing', async () => {
    const attacked = ['wait', 'wait-for', 'retry', 'first-success', 'collect-errors', 'lost-error'];
    const names = ['sleep', ...attacked];
    const graded = await gradeHostile(['hang', 'tamper'], names);
    expectNeutralised(graded, names, attacked);
    expect(graded.find('wait')).toMatchObject({ status: 'timed-out' });
    expect(graded.find('wait-for')).toMatchObject({ status: 'timed-out' });
    expect(graded.find('retry').status).toMatch(/timed-out|failing/);
    expect(graded.messages('first-success')).toMatch(/the code under test changed (expect|chai|the matchers)/);
    expect(graded.messages('collect-errors')).toMatch(/the code under test changed (Object\.is|JSON\.stringify|Object\.prototype)/);
    expect(graded.find('lost-error').tests.some((t) => t.status === 'passed')).toBe(false);
  });

  test('without the import check or bubblewrap, the permission model stops files and processes on its own', async () => {
    const local = files.filter((name) => name !== 'shield');
    const graded = await gradeHostile(['files'], [...local, 'sleep'], 'no-imports,no-bwrap');
    expectNeutralised(graded, [...local, 'sleep'], local);
    expect(graded.messages('event-order')).toContain('could not read the spec');
    expect(graded.messages('event-order')).not.toContain(firstSpecLine);
    expect(graded.messages('as-completed')).toMatch(/Worker: (?!allowed)/);
  });

  test.skipIf(!hasBwrap)('without the import check or the permission model, bubblewrap keeps writes, processes and the network in its namespace', async () => {
    const graded = await gradeHostile(['files'], [...files, 'sleep'], 'no-imports,no-permissions', withPort());
    expectNeutralised(graded, [...files, 'sleep'], files);
    expect(requests).toEqual([]);
    // Bubblewrap alone does not hide what is readable: that is the permission model's part.
    expect(graded.messages('event-order')).toContain(firstSpecLine);
  });
});

test('the planted file name and the marker are the ones the attacks use', () => {
  expect(readFileSync(path.join(hostileDir, 'files/05-gather/gather.ts'), 'utf8')).toContain(PLANTED);
  expect(readFileSync(path.join(hostileDir, 'files/05-gather/as-completed.ts'), 'utf8')).toContain(MARKER);
});
