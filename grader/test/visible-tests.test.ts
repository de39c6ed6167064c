// The visible tests next to each stub are examples, so they must be right: every reference
// solution passes its visible tests, and every untouched stub fails at least one of them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exercises, files, repoRoot } from '../src/catalogue.ts';

interface JsonResult {
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

const vitestBin = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
// Inside the repository, so that the copies resolve `vitest` from its node_modules.
const scratchRoot = path.join(repoRoot, '.grader');

/** Runs vitest over the test files below `root` and returns the JSON report. */
function runVitest(root: string): JsonResult {
  const output = path.join(root, 'report.json');
  // A config of its own, or vitest would pick up the course's and look for exercises/ below root.
  const config = path.join(root, 'vitest.config.mjs');
  writeFileSync(config, "export default { test: { include: ['**/*.test.ts'] } };\n");
  spawnSync(process.execPath, [vitestBin, 'run', '--root', root, '--config', config, '--reporter=json', `--outputFile=${output}`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return JSON.parse(readFileSync(output, 'utf8'));
}

function statusesOf(report: JsonResult, id: string): string[] {
  const file = report.testResults.find((result) => result.name.endsWith(`${id}.test.ts`));
  return file?.assertionResults.map((assertion) => assertion.status) ?? [];
}

let scratch: string;
let withSolutions: JsonResult;
let withStubs: JsonResult;

beforeAll(() => {
  mkdirSync(scratchRoot, { recursive: true });
  scratch = mkdtempSync(path.join(scratchRoot, 'visible-'));
  const solutionsCopy = path.join(scratch, 'solutions');
  cpSync(path.join(repoRoot, 'solutions'), solutionsCopy, { recursive: true });
  for (const exercise of exercises) cpSync(files.visibleTest(exercise), path.join(solutionsCopy, exercise.lesson, `${exercise.name}.test.ts`));
  const stubsCopy = path.join(scratch, 'exercises');
  cpSync(path.join(repoRoot, 'exercises'), stubsCopy, { recursive: true });
  withSolutions = runVitest(solutionsCopy);
  withStubs = runVitest(stubsCopy);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.each(exercises.map((exercise) => [exercise.id] as const))('the visible tests of %s', (id) => {
  test('pass against the reference solution', () => {
    const statuses = statusesOf(withSolutions, id);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 'passed')).toBe(true);
  });

  test('fail against the untouched stub', () => {
    expect(statusesOf(withStubs, id)).toContain('failed');
  });
});
