// The vitest processes the grader runs specs in. Two kinds, one interface:
//
// - a cold process (`vitest run`) per run: what `npm run grade` and batch grading use;
// - a warm server (warm-server.ts) that stays up between runs, so that watch mode re-grades one
//   exercise in a fraction of a second: Vite's transforms and the workers are already there.
//
// Either way the process runs in the sandbox (sandbox.ts), each run gets a progress folder, which
// test-hooks.ts (inside the workers) fills with the test each worker is running, and a run can be
// killed with its whole process tree when the watchdog finds it stuck. Each process has a secret
// of its own, which the workers use to seal the verdicts of passing tests (seal.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RunEvent } from './events.ts';
import { makeRunDirs, removeRunDirs, type RunDirs, sandboxedCommand, sandboxLayers, type SandboxLayers, workerExecArgv } from './sandbox.ts';
import { newSealKey, SEAL_ENV } from './seal.ts';

const configFile = path.join(import.meta.dirname, 'grade.config.ts');
const serverFile = path.join(import.meta.dirname, 'warm-server.ts');
const require = createRequire(import.meta.url);
const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const tsxLoader = require.resolve('tsx');
/** What the grader keeps of vitest's own output, for error messages: a flood is cut short. */
const MAX_OUTPUT = 64 * 1024;

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
  /** The key the workers seal passing verdicts with (seal.ts). */
  readonly sealKey: string;
  /** Resolves when the run is over: it finished, vitest exited, or it was killed. */
  readonly done: Promise<{ exited: boolean; output: string }>;
  kill(): void;
}

export interface VitestProcess {
  start(request: RunRequest): RunHandle;
  /** Stops whatever is still running; a warm server shuts down. */
  close(): void;
}

/**
 * What the grader's environment holds that a grading run must not inherit. NODE_EXTRA_CA_CERTS
 * makes every Node process read and parse a bundle of certificates as it starts (about 70 ms on a
 * small machine, paid once per spec file), and a grading run has no network to use them on.
 */
const NOT_INHERITED = ['NODE_EXTRA_CA_CERTS'];

/** The grader's environment, less what a grading run must not inherit. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  return env;
}

function baseEnv(target: string, specFiles: readonly string[], workers: number, dirs: RunDirs, layers: SandboxLayers, sealKey: string): NodeJS.ProcessEnv {
  return {
    ...inheritedEnv(),
    COURSE_TARGET: target,
    COURSE_SPECS: JSON.stringify(specFiles),
    COURSE_WORKERS: String(workers),
    COURSE_PROGRESS_DIR: dirs.progress,
    COURSE_SCRATCH_DIR: dirs.scratch,
    COURSE_WORKER_EXEC_ARGV: JSON.stringify(workerExecArgv(layers, target, dirs)),
    COURSE_IMPORT_CHECK: layers.imports ? '1' : '0',
    [SEAL_ENV]: sealKey,
    // vitest's own temporary files (the transformed modules it hands the workers).
    TMPDIR: dirs.vitestTmp,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
}

/** Clears the progress folder for a new run. */
function clearProgress(dirs: RunDirs): void {
  for (const name of readdirSync(dirs.progress)) rmSync(path.join(dirs.progress, name), { force: true });
}

function spawnVitest(target: string, dirs: RunDirs, layers: SandboxLayers, nodeArgs: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  const { command, args } = sandboxedCommand(layers, target, dirs, nodeArgs);
  return spawn(command, args, {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // A process group of its own, so that a kill takes the workers along (and, under
    // bubblewrap, the whole process namespace: detached children too).
    detached: true,
  });
}

function killGroup(child: ChildProcess | undefined): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Collects what the child prints, keeping only the first and the last MAX_OUTPUT / 2 bytes. */
function collectOutput(child: ChildProcess): () => string {
  let head = '';
  let tail = '';
  let dropped = 0;
  const add = (chunk: Buffer) => {
    const text = chunk.toString();
    if (head.length < MAX_OUTPUT / 2) {
      head += text;
      return;
    }
    tail += text;
    if (tail.length > MAX_OUTPUT / 2) {
      dropped += tail.length - MAX_OUTPUT / 2;
      tail = tail.slice(-MAX_OUTPUT / 2);
    }
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => (dropped > 0 ? `${head}\n… (${dropped} characters left out) …\n${tail}` : head + tail);
}

/** A fresh `vitest run` for every run. */
export function coldVitest(): VitestProcess {
  const running = new Set<ChildProcess>();
  return {
    start(request) {
      const dirs = makeRunDirs();
      const layers = sandboxLayers();
      const sealKey = newSealKey();
      const env = { ...baseEnv(request.target, request.specFiles, request.workers, dirs, layers, sealKey), COURSE_SKIP_TESTS: JSON.stringify(request.skipTests) };
      // `--configLoader runner` reads the configuration without writing a bundled copy beside it.
      const child = spawnVitest(request.target, dirs, layers, [vitestBin, 'run', '--config', configFile, '--configLoader', 'runner'], env);
      running.add(child);
      const output = collectOutput(child);
      child.on('message', request.onEvent);
      const done = new Promise<{ exited: boolean; output: string }>((resolve, reject) => {
        child.on('error', (error) => {
          running.delete(child);
          removeRunDirs(dirs);
          reject(new Error(`could not start vitest: ${error.message}`));
        });
        child.on('exit', () => {
          running.delete(child);
          // Kill what the main process left behind, such as a worker that loops forever.
          killGroup(child);
          removeRunDirs(dirs);
          resolve({ exited: true, output: output() });
        });
      });
      return { progressDir: dirs.progress, sealKey, done, kill: () => killGroup(child) };
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
  const dirs = makeRunDirs();
  const layers = sandboxLayers();
  const sealKey = newSealKey();
  let server: ChildProcess | undefined;
  let output: () => string = () => '';
  let ready: Promise<void> | undefined;

  const startServer = (): Promise<void> => {
    // A spare worker waits for each next run (pool-worker.ts).
    const env = { ...baseEnv(target, allSpecFiles, workers, dirs, layers, sealKey), COURSE_SPARE_WORKER: '1' };
    const child = spawnVitest(target, dirs, layers, ['--import', tsxLoader, serverFile], env);
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
        clearProgress(dirs);
        return new Promise<{ exited: boolean; output: string }>((resolve) => {
          const onMessage = (message: RunEvent | { type: 'run-end' } | { type: 'ready' }) => {
            if (message.type === 'ready') return;
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
          child!.send({ type: 'run', specFiles: request.specFiles, skipTests: request.skipTests });
        });
      })();
      return { progressDir: dirs.progress, sealKey, done, kill: () => killGroup(child) };
    },
    close() {
      killGroup(server);
      removeRunDirs(dirs);
    },
  };
}
