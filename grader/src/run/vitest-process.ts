// The vitest processes the grader runs specs in. Two kinds, one interface:
//
// - a cold process (`vitest run`) per run: what `npm run grade` and batch grading use;
// - a warm server (warm-server.ts) that stays up between runs, so that watch mode re-grades one
//   exercise in a fraction of a second: Vite's transforms and the workers are already there.
//
// Either way each run gets a progress folder, which test-hooks.ts (inside the workers) fills with
// the test each worker is running and reads the tests to skip from, and either way a run can be
// killed with its whole process group when the watchdog finds it stuck.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { RunEvent } from './events.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const configFile = path.join(import.meta.dirname, 'grade.config.ts');
const serverFile = path.join(import.meta.dirname, 'warm-server.ts');
const require = createRequire(import.meta.url);
const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const tsxLoader = require.resolve('tsx');

export interface RunRequest {
  readonly target: string;
  readonly specFiles: readonly string[];
  /** Ids of tests that already have a verdict: they are skipped. */
  readonly skipTests: readonly string[];
  readonly workers: number;
  readonly onEvent: (event: RunEvent) => void;
}

export interface RunHandle {
  /** Where the workers write the test they are running: one JSON file per worker. */
  readonly progressDir: string;
  /** Resolves when the run is over: it finished, vitest exited, or it was killed. */
  readonly done: Promise<{ exited: boolean; output: string }>;
  kill(): void;
}

export interface VitestProcess {
  start(request: RunRequest): RunHandle;
  /** Stops whatever is still running; a warm server shuts down. */
  close(): void;
}

function baseEnv(target: string, specFiles: readonly string[], workers: number, progressDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    COURSE_TARGET: target,
    COURSE_SPECS: JSON.stringify(specFiles),
    COURSE_WORKERS: String(workers),
    COURSE_PROGRESS_DIR: progressDir,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
}

/** Clears the progress folder for a new run and writes the tests it must skip. */
function prepareProgressDir(dir: string, skipTests: readonly string[]): void {
  for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { force: true });
  writeFileSync(path.join(dir, 'skip.json'), JSON.stringify(skipTests));
}

function killGroup(child: ChildProcess | undefined): void {
  if (child?.pid === undefined) return;
  try {
    // Each process runs in a group of its own, so this takes its workers along.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  return () => output;
}

/** A fresh `vitest run` for every run. */
export function coldVitest(): VitestProcess {
  const running = new Set<ChildProcess>();
  return {
    start(request) {
      const progressDir = mkdtempSync(path.join(os.tmpdir(), 'course-progress-'));
      prepareProgressDir(progressDir, request.skipTests);
      const child = spawn(process.execPath, [vitestBin, 'run', '--config', configFile], {
        cwd: repoRoot,
        env: baseEnv(request.target, request.specFiles, request.workers, progressDir),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        detached: true,
      });
      running.add(child);
      const output = collectOutput(child);
      child.on('message', request.onEvent);
      const done = new Promise<{ exited: boolean; output: string }>((resolve, reject) => {
        child.on('error', (error) => {
          running.delete(child);
          rmSync(progressDir, { recursive: true, force: true });
          reject(new Error(`could not start vitest: ${error.message}`));
        });
        child.on('exit', () => {
          running.delete(child);
          // Kill what the main process left behind, such as a worker that loops forever.
          killGroup(child);
          rmSync(progressDir, { recursive: true, force: true });
          resolve({ exited: true, output: output() });
        });
      });
      return { progressDir, done, kill: () => killGroup(child) };
    },
    close() {
      for (const child of running) killGroup(child);
    },
  };
}

/**
 * One vitest server for many runs over the same target. It starts on the first run and again
 * after a kill; between runs it keeps Vite's module cache and is told which files changed.
 */
export function warmVitest(target: string, allSpecFiles: readonly string[], workers = 2): VitestProcess {
  const progressDir = mkdtempSync(path.join(os.tmpdir(), 'course-progress-'));
  let server: ChildProcess | undefined;
  let output: () => string = () => '';
  let ready: Promise<void> | undefined;

  const startServer = (): Promise<void> => {
    const child = spawn(process.execPath, ['--import', tsxLoader, serverFile], {
      cwd: repoRoot,
      env: baseEnv(target, allSpecFiles, workers, progressDir),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    server = child;
    output = collectOutput(child);
    child.on('exit', () => {
      killGroup(child);
      if (server === child) {
        server = undefined;
        ready = undefined;
      }
    });
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string }) => {
        if (message.type !== 'ready') return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.on('error', (error) => reject(new Error(`could not start vitest: ${error.message}`)));
      child.on('exit', () => reject(new Error(`vitest stopped while starting:\n${output().trim()}`)));
    });
  };

  return {
    start(request) {
      let child: ChildProcess | undefined;
      const done = (async () => {
        ready ??= startServer();
        await ready;
        child = server!;
        prepareProgressDir(progressDir, request.skipTests);
        return new Promise<{ exited: boolean; output: string }>((resolve) => {
          const onMessage = (message: RunEvent | { type: 'run-end' }) => {
            if (message.type === 'run-end') {
              finish(false);
              return;
            }
            request.onEvent(message);
          };
          const onExit = () => finish(true);
          const finish = (exited: boolean) => {
            child!.off('message', onMessage);
            child!.off('exit', onExit);
            resolve({ exited, output: output() });
          };
          child!.on('message', onMessage);
          child!.on('exit', onExit);
          child!.send({ type: 'run', specFiles: request.specFiles });
        });
      })();
      return { progressDir, done, kill: () => killGroup(child) };
    },
    close() {
      killGroup(server);
      rmSync(progressDir, { recursive: true, force: true });
    },
  };
}
