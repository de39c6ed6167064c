// Runs spec files with vitest in a child process and returns what happened to each file.
//
// vitest's own test timeout cannot stop a synchronous infinite loop, so the grader keeps a
// wall-clock watchdog: a spec file that has been running longer than `fileTimeoutMs` is declared
// stuck, the whole vitest process group is killed, and the files that had not finished are run
// again in a fresh process, without the stuck ones. Results that arrived before the kill are kept.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CollectedTest, ReportedError, RunEvent } from './events.ts';

export interface FileOutcome {
  /** Tests as collected, with their points; empty if the spec file never got that far. */
  tests: CollectedTest[];
  results: Map<string, { state: 'passed' | 'failed' | 'skipped'; errors: readonly ReportedError[] }>;
  /** Errors of the file itself (it failed to load or a hook outside any test failed). */
  fileErrors: ReportedError[];
  finished: boolean;
  timedOut: boolean;
}

export interface RunOptions {
  /** The tree `@target/` points at. */
  target: string;
  specFiles: readonly string[];
  /** Wall-clock budget of one spec file, from the moment vitest starts it. */
  fileTimeoutMs: number;
  workers?: number;
}

const configFile = path.join(import.meta.dirname, 'grade.config.ts');
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

export class GraderRunError extends Error {
  override name = 'GraderRunError';
}

export async function runSpecs(options: RunOptions): Promise<Map<string, FileOutcome>> {
  const outcomes = new Map<string, FileOutcome>(
    options.specFiles.map((file) => [file, { tests: [], results: new Map(), fileErrors: [], finished: false, timedOut: false }]),
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
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestBin, 'run', '--config', configFile], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: {
        ...process.env,
        COURSE_TARGET: options.target,
        COURSE_SPECS: JSON.stringify(files),
        COURSE_WORKERS: String(options.workers ?? 2),
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

    const startedAt = new Map<string, number>();
    let progressInRun = false;
    child.on('message', (event: RunEvent) => {
      const outcome = outcomes.get(event.file);
      if (!outcome) return;
      progressInRun = true;
      switch (event.type) {
        case 'queued':
          startedAt.set(event.file, Date.now());
          break;
        case 'collected':
          outcome.tests = [...event.tests];
          break;
        case 'test':
          outcome.results.set(event.id, { state: event.state, errors: event.errors });
          break;
        case 'file-end':
          outcome.fileErrors = [...event.errors];
          outcome.finished = true;
          startedAt.delete(event.file);
          break;
      }
    });

    let killed = false;
    const watchdog = setInterval(() => {
      const now = Date.now();
      const stuck = [...startedAt].filter(([, start]) => now - start > options.fileTimeoutMs).map(([file]) => file);
      if (stuck.length === 0) return;
      for (const file of stuck) outcomes.get(file)!.timedOut = true;
      killed = true;
      killGroup(child.pid);
    }, 100);

    child.on('error', (error) => {
      clearInterval(watchdog);
      reject(new GraderRunError(`could not start vitest: ${error.message}`));
    });
    child.on('exit', () => {
      clearInterval(watchdog);
      // Kill what the main process left behind, such as a worker that loops forever.
      killGroup(child.pid);
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

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
