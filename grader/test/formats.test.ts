// The report in the formats other tools read, each checked against its published shape:
// JUnit XML (parsed back by Python's XML parser), GitHub Classroom's runner result (what
// classroom-resources/autograding-grading-reporter decodes and adds up) and Gradescope's results.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { classroomResult } from '../src/formats/classroom.ts';
import { gradescopeResults, VISIBILITIES } from '../src/formats/gradescope.ts';
import { junitXml } from '../src/formats/junit.ts';
import { repoRoot } from '../src/catalogue.ts';
import type { GradeReport } from '../src/score.ts';
import { makeTarget, runCli } from './helpers.ts';

/** Parses XML with Python's parser and returns counts per suite: a second, independent reader. */
function parseWithPython(file: string): { suites: { name: string; tests: number; failures: number; cases: number; failed: number; points: number; messages: string[] }[]; tests: number; failures: number } {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites', root.tag
suites = []
for s in root.findall('testsuite'):
    cases = s.findall('testcase')
    failed = [c.find('failure') for c in cases if c.find('failure') is not None]
    points = sum(int(p.get('value')) for c in cases for p in c.findall('properties/property') if p.get('name') == 'points')
    suites.append({'name': s.get('name'), 'tests': int(s.get('tests')), 'failures': int(s.get('failures')), 'cases': len(cases), 'failed': len(failed), 'points': points, 'messages': [f.get('message') for f in failed] + [f.text or '' for f in failed]})
print(json.dumps({'suites': suites, 'tests': int(root.get('tests')), 'failures': int(root.get('failures'))}))
`;
  const result = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3 could not parse ${file}:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('grade --junit and --classroom beside --json', () => {
  let report: GradeReport;
  let dir: string;
  beforeAll(async () => {
    // sleep partly wrong, yielding-loop untouched, event-order right.
    const target = makeTarget(
      {
        '01-event-loop/event-order.ts': readFileSync(path.join(repoRoot, 'solutions/01-event-loop/event-order.ts'), 'utf8'),
        '01-event-loop/sleep.ts': readFileSync(path.join(repoRoot, 'grader/wrong/01-event-loop/sleep/leaks-timer.ts'), 'utf8'),
      },
      path.join(repoRoot, 'exercises'),
    );
    dir = mkdtempSync(path.join(os.tmpdir(), 'course-formats-'));
    const run = await runCli(['grade', '01-event-loop', '--target', target, '--json', path.join(dir, 'report.json'), '--junit', path.join(dir, 'report.xml'), '--classroom', path.join(dir, 'classroom.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`JUnit XML report written to ${path.join(dir, 'report.xml')}`);
    report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
  });

  test.skipIf(!hasPython)('JUnit XML parses, with one <testsuite> per exercise and one <testcase> per hidden test, failures and points counted', () => {
    const parsed = parseWithPython(path.join(dir, 'report.xml'));
    expect(parsed.suites.map((suite) => suite.name)).toEqual(report.exercises.map((exercise) => exercise.id));
    report.exercises.forEach((exercise, i) => {
      const failed = exercise.tests.filter((t) => t.status === 'failed').length;
      expect(parsed.suites[i]).toMatchObject({ tests: exercise.tests.length, cases: exercise.tests.length, failures: failed, failed, points: exercise.points });
    });
    expect(parsed.tests).toBe(report.exercises.reduce((n, e) => n + e.tests.length, 0));
    expect(parsed.failures).toBeGreaterThan(0);
    const sleep = report.exercises.find((exercise) => exercise.id === '01-event-loop/sleep')!;
    const message = sleep.tests.find((t) => t.status === 'failed')!.message!;
    expect(parsed.suites[1]!.messages).toContain(message.split('\n')[0]);
  });

  test('the Classroom result has the runner shape, each test with its own points, adding up to the grade', () => {
    const result = JSON.parse(readFileSync(path.join(dir, 'classroom.json'), 'utf8'));
    expect(Object.keys(result).sort()).toEqual(['max_score', 'status', 'tests', 'version']);
    expect(result.version).toBe(1);
    expect(result.status).toBe('fail');
    expect(result.max_score).toBe(report.total.maxPoints);
    const all = report.exercises.flatMap((exercise) => exercise.tests);
    expect(result.tests).toHaveLength(all.length);
    for (const t of result.tests) {
      expect(Object.keys(t).sort()).toEqual(['duration', 'filename', 'line_no', 'message', 'name', 'score', 'status', 'test_code']);
      expect(['pass', 'fail', 'error']).toContain(t.status);
      expect(typeof t.score).toBe('number');
      if (t.status === 'pass') expect(t.message).toBe('');
      else expect(t.message).not.toBe('');
    }
    // What the reporter computes: the sum of the tests' scores against max_score.
    expect(result.tests.reduce((n: number, t: { score: number }) => n + t.score, 0)).toBe(report.total.points);
    // It travels as base64 in a step output and decodes to the same object.
    const encoded = Buffer.from(JSON.stringify(result)).toString('base64');
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual(result);
  });
});

const nasty: GradeReport = {
  target: 'a & b',
  total: { points: 1, maxPoints: 3 },
  exercises: [
    {
      id: '01-event-loop/sleep',
      title: '`sleep(ms, { signal })` <&>',
      points: 1,
      maxPoints: 3,
      status: 'partial',
      tests: [
        { name: 'passes "quoted" & <tagged>', status: 'passed', points: 1, maxPoints: 1 },
        { name: "fails 'single' ]]> \u0001", status: 'failed', points: 0, maxPoints: 2, message: 'expected "<a>" & \'b\'\nsecond line ]]>\u0000\u001b' },
      ],
    },
  ],
};

test.skipIf(!hasPython)('JUnit XML escapes markup and drops characters XML cannot hold', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'course-junit-')), 'nasty.xml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, junitXml(nasty));
  const parsed = parseWithPython(file);
  expect(parsed.suites[0]).toMatchObject({ tests: 2, failures: 1, failed: 1 });
  expect(parsed.suites[0]!.messages[0]).toBe('expected "<a>" & \'b\'');
  expect(parsed.suites[0]!.messages[1]).toBe('expected "<a>" & \'b\'\nsecond line ]]>\uFFFD\uFFFD');
});

test('classroom status is pass at full marks and error when a spec could not run', () => {
  const full: GradeReport = { ...nasty, total: { points: 3, maxPoints: 3 }, exercises: [{ ...nasty.exercises[0]!, points: 3, status: 'done', tests: nasty.exercises[0]!.tests.map((t) => ({ ...t, status: 'passed' as const, points: t.maxPoints })) }] };
  expect(classroomResult(full).status).toBe('pass');
  expect(classroomResult({ ...nasty, exercises: [{ ...nasty.exercises[0]!, status: 'spec-error' }] }).status).toBe('error');
});

test('Gradescope results follow the documented shape, with each test’s visibility', () => {
  const results = gradescopeResults(nasty, { seconds: 2.4, testVisibility: 'after_due_date', visibility: 'after_due_date' });
  expect(Object.keys(results).sort()).toEqual(['execution_time', 'output', 'score', 'stdout_visibility', 'tests', 'visibility']);
  expect(results).toMatchObject({ score: 1, execution_time: 2, visibility: 'after_due_date', stdout_visibility: 'hidden' });
  for (const t of results.tests) {
    expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'number', 'output', 'score', 'status', 'tags', 'visibility']);
    expect(['passed', 'failed']).toContain(t.status);
    expect(VISIBILITIES).toContain(t.visibility);
  }
  expect(results.tests.map((t) => [t.score, t.max_score, t.status])).toEqual([
    [1, 1, 'passed'],
    [0, 2, 'failed'],
  ]);
  expect(results.tests[1]!.output).toContain('second line');
});

test('an unknown --visibility of the Gradescope bundle is refused with an example', async () => {
  const run = await runCli(['release', '--gradescope', path.join(os.tmpdir(), 'x.zip'), '--visibility', 'sometimes']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--visibility is one of hidden, after_due_date, after_published, visible, got "sometimes"');
});
