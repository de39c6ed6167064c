// Runs spec files with vitest in a child process and returns what happened to each file.
//
// vitest's own test timeout cannot stop a synchronous infinite loop, so the grader keeps a
// wall-clock watchdog. A test that has been running longer than `testTimeoutMs` has hung: it
// fails with a message naming it, the whole vitest process group is killed, and the files that
// had not finished run again in a fresh process, skipping every test that already has a verdict.
// So a hang costs only the test that hung. A file that hangs outside any test, or in
// MAX_HANGS_PER_FILE tests, is stopped as a whole and marked timed out. Results that arrived before a kill are kept.
//
// A file that hangs outside any test (at import, in a hook) is noticed when it has made no
// progress for `fileTimeoutMs`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TIMEOUT_MESSAGE } from '../messages.ts';
import type { CollectedTest, ReportedError, RunEvent } from './events.ts';

export interface FileOutcome {
  /** Tests as collected, with their points; empty if the spec file never got that far. */
  tests: CollectedTest[];
  results: Map<string, { state: 'passed' | 'failed' | 'skipped'; errors: readonly ReportedError[] }>;
  /** Errors of the file itself (it failed to load or a hook outside any test failed). */
  fileErrors: ReportedError[];
  finished: boolean;
  /** The file was stopped as a whole: its tests without a verdict did not run. */
  timedOut: boolean;
  /** Tests stopped by the watchdog because they hung, in the order they hung. */
  hungTests: string[];
}

/** After this many hung tests in one file, the rest of the file is not tried again. */
export const MAX_HANGS_PER_FILE = 3;
// A little more than vitest's own testTimeout (5 s, grade.config.ts), which stops a test that
// awaits forever without a restart; this one stops a test that blocks its worker.
const DEFAULT_TEST_TIMEOUT_MS = 6_000;



export interface RunOptions {
  /** The tree `@target/` points at. */
  target: string;
  specFiles: readonly string[];
  /** How long a spec file may go without progress (a test starting or ending) before it is stopped. */
  fileTimeoutMs: number;
  /** Wall-clock budget of one test; every test runs in virtual time, so this is generous. */
  testTimeoutMs?: number;
  workers?: number;
}

const configFile = path.join(import.meta.dirname, 'grade.config.ts');
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

export class GraderRunError extends Error {
  override name = 'GraderRunError';
}

export async function runSpecs(options: RunOptions): Promise<Map<string, FileOutcome>> {
  const outcomes = new Map<string, FileOutcome>(
    options.specFiles.map((file) => [file, { tests: [], results: new Map(), fileErrors: [], finished: false, timedOut: false, hungTests: [] }]),
  );
  let remaining = [...options.specFiles];
  while (remaining.length > 0) {
    await runOnce(remaining, outcomes, options);
    remaining = remaining.filter((file) => {
      const outcome = outcomes.get(file)!;
      return !outcome.finished && !outcome.timedOut;
    });
  }
  return outcomes;
}

/** One vitest process over `files`; returns when it exits or the watchdog has killed it. */
function runOnce(files: readonly string[], outcomes: Map<string, FileOutcome>, options: RunOptions): Promise<void> {
  const progressDir = mkdtempSync(path.join(os.tmpdir(), 'course-progress-'));
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vitestBin, 'run', '--config', configFile], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: {
        ...process.env,
        COURSE_TARGET: options.target,
        COURSE_SPECS: JSON.stringify(files),
        COURSE_WORKERS: String(options.workers ?? 2),
        COURSE_PROGRESS_DIR: progressDir,
        // Tests with a verdict from an earlier, interrupted run of their file are not run again.
        COURSE_SKIP_TESTS: JSON.stringify(files.flatMap((file) => [...outcomes.get(file)!.results.keys()])),
        FORCE_COLOR: '0',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group, so that killing it takes its worker processes along.
      detached: true,
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));

    // When each running file last made progress: it was queued, or a test started or ended.
    const lastProgress = new Map<string, number>();
    // The test each worker is running, as test-hooks.ts writes it, and since when the grader knows.
    const seen = new Map<string, { file: string; id: string; since: number }>();
    const runningTests = (): Map<string, { id: string; since: number }> => {
      for (const name of safeReaddir(progressDir)) {
        const text = safeRead(path.join(progressDir, name));
        if (!text) continue;
        const { file, id } = JSON.parse(text) as { file: string; id: string };
        const before = seen.get(name);
        if (!before || before.id !== id) seen.set(name, { file, id, since: Date.now() });
      }
      const running = new Map<string, { id: string; since: number }>();
      for (const { file, id, since } of seen.values()) {
        const outcome = outcomes.get(file);
        if (outcome && !outcome.results.has(id) && !outcome.finished) {
          running.set(file, { id, since });
          lastProgress.set(file, Math.max(lastProgress.get(file) ?? 0, since));
        }
      }
      return running;
    };
    let progressInRun = false;
    child.on('message', (event: RunEvent) => {
      const outcome = outcomes.get(event.file);
      if (!outcome) return;
      progressInRun = true;
      switch (event.type) {
        case 'queued':
          lastProgress.set(event.file, Date.now());
          break;
        case 'collected':
          outcome.tests = [...event.tests];
          break;
        case 'test':
          lastProgress.set(event.file, Date.now());
          // A test skipped because it already has a verdict keeps that verdict.
          if (!(event.state === 'skipped' && outcome.results.has(event.id))) {
            outcome.results.set(event.id, { state: event.state, errors: event.errors });
          }
          break;
        case 'file-end':
          outcome.fileErrors = [...event.errors];
          outcome.finished = true;
          lastProgress.delete(event.file);
          break;
      }
    });

    let killed = false;
    const testTimeoutMs = options.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
    const watchdog = setInterval(() => {
      const now = Date.now();
      let stuck = false;
      const running = runningTests();
      for (const [file, test] of running) {
        if (now - test.since <= testTimeoutMs) continue;
        const outcome = outcomes.get(file)!;
        outcome.results.set(test.id, { state: 'failed', errors: [{ name: 'Error', message: TIMEOUT_MESSAGE }] });
        outcome.hungTests.push(test.id);
        if (outcome.hungTests.length >= MAX_HANGS_PER_FILE) outcome.timedOut = true;
        stuck = true;
      }
      for (const [file, since] of lastProgress) {
        if (now - since > options.fileTimeoutMs && !running.has(file)) {
          outcomes.get(file)!.timedOut = true;
          stuck = true;
        }
      }
      if (!stuck) return;
      killed = true;
      killGroup(child.pid);
    }, 100);

    child.on('error', (error) => {
      clearInterval(watchdog);
      rmSync(progressDir, { recursive: true, force: true });
      reject(new GraderRunError(`could not start vitest: ${error.message}`));
    });
    child.on('exit', () => {
      clearInterval(watchdog);
      // Kill what the main process left behind, such as a worker that loops forever.
      killGroup(child.pid);
      rmSync(progressDir, { recursive: true, force: true });
      const unfinished = files.filter((file) => !outcomes.get(file)!.finished && !outcomes.get(file)!.timedOut);
      if (!killed && unfinished.length > 0 && !progressInRun) {
        reject(new GraderRunError(`vitest stopped before running any spec:\n${output.trim()}`));
        return;
      }
      if (!killed) {
        // vitest exited on its own without finishing these: it cannot be a learner's loop, so
        // report it on the file rather than running it again forever.
        for (const file of unfinished) {
          const outcome = outcomes.get(file)!;
          outcome.finished = true;
          outcome.fileErrors.push({ name: 'GraderRunError', message: `vitest stopped before this spec finished.\n${output.trim()}` });
        }
      }
      resolve();
    });
  });
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A progress file's content, or undefined while it is missing or half written. */
function safeRead(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.endsWith('}') ? text : undefined;
  } catch {
    return undefined;
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
