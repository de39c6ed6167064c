// Watch mode's warm server (vitest-process.ts, pool-worker.ts): every run gets a worker process of
// its own, and that process was started before the run was asked for (the spare), so a save does
// not wait for Node and vitest to boot.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exercises, files } from '../src/catalogue.ts';
import type { RunEvent } from '../src/run/events.ts';
import { type VitestProcess, warmVitest } from '../src/run/vitest-process.ts';
import { solutionsDir } from './helpers.ts';

const spec = files.spec(exercises.find((exercise) => exercise.name === 'sleep')!);
let server: VitestProcess;
const sandboxBefore = process.env.COURSE_SANDBOX;

beforeAll(() => {
  // Without bubblewrap's process namespace, the workers' process ids are the ones `ps` shows here.
  process.env.COURSE_SANDBOX = 'off';
  server = warmVitest(solutionsDir, [spec], 1);
});

afterAll(() => {
  server.close();
  if (sandboxBefore === undefined) delete process.env.COURSE_SANDBOX;
  else process.env.COURSE_SANDBOX = sandboxBefore;
});

/** Runs the spec once; returns the process id of the worker that ran it and the tests that passed. */
async function runOnce(): Promise<{ worker: number; passed: number }> {
  let passed = 0;
  const run = server.start({
    target: solutionsDir,
    specFiles: [spec],
    skipTests: [],
    workers: 1,
    onEvent: (event: RunEvent) => {
      if (event.type === 'test' && event.state === 'passed') passed++;
    },
  });
  await run.done;
  // test-hooks.ts names its progress file after the worker's process id.
  const workers = readdirSync(run.progressDir).map((name) => Number(/^worker-(\d+)\.json$/.exec(name)?.[1]));
  expect(workers, 'one worker ran the spec').toHaveLength(1);
  return { worker: workers[0]!, passed };
}

/** The process ids of vitest's fork workers now alive. */
function forkWorkers(): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes('workers/forks.js'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

test('each run has a fresh worker process, started before the run was asked for', async () => {
  const first = await runOnce();
  expect(first.passed, 'the reference solution passes every test').toBeGreaterThan(20);
  const waiting = forkWorkers();
  expect(waiting, 'the worker of the first run is gone').not.toContain(first.worker);
  const second = await runOnce();
  expect(second.passed, 'the second run passes the same tests').toBe(first.passed);
  expect(second.worker, 'the second run has a process of its own').not.toBe(first.worker);
  expect(waiting, 'the second run took the spare that was waiting').toContain(second.worker);
});
