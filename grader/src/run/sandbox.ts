// Where and how the grader's vitest process runs the code it grades. Two layers, each used where
// the machine has it (README, "What the sandbox promises"):
//
// 1. bubblewrap (Linux): the vitest process and everything it starts run in a namespace of
//    their own: a process namespace, so that killing it kills every process the submission
//    started, detached ones included; no network but loopback; the whole file system read-only
//    except the run's own folder; a private /tmp. Found when `bwrap` is on the PATH and works.
// 2. Node's permission model, in the test workers only (vitest's `execArgv`): they may read
//    node_modules, the target tree and their scratch folder (vitest hands them the code of the
//    specs over their channel), write only the run's scratch and progress folders, and start neither child
//    processes nor worker threads.
//    The grader and vitest's main process keep their rights: they run no submission code.
//
// A third layer, the import check (import-check.ts), runs in vitest's main process.
//
// COURSE_SANDBOX=off turns every layer off (for debugging the grader itself); COURSE_SANDBOX=
// a comma-separated list of `no-bwrap`, `no-permissions`, `no-imports` turns off only those (the
// hostile suite uses it to show that each layer holds on its own).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface SandboxLayers {
  /** The vitest process runs under bubblewrap. */
  readonly bwrap: boolean;
  /** The test workers run under Node's permission model. */
  readonly permissions: boolean;
  /** vitest refuses the imports import-check.ts does not allow. */
  readonly imports: boolean;
  /** Why a layer is off, for the README's promise and for `--verbose` users. */
  readonly notes: readonly string[];
}

/** One run's folders: vitest's own temporary files, and what the workers may write. */
export interface RunDirs {
  readonly root: string;
  /** vitest's own TMPDIR, which the workers may not read. */
  readonly vitestTmp: string;
  /** The workers' TMPDIR: the only place submissions may write. */
  readonly scratch: string;
  /** Where each worker writes the test it is running (test-hooks.ts). */
  readonly progress: string;
}

export function makeRunDirs(): RunDirs {
  const root = mkdtempSync(path.join(os.tmpdir(), 'course-run-'));
  const dirs = { root, vitestTmp: path.join(root, 'vitest'), scratch: path.join(root, 'scratch'), progress: path.join(root, 'progress') };
  for (const dir of [dirs.vitestTmp, dirs.scratch, dirs.progress]) mkdirSync(dir);
  return dirs;
}

/** Removes a run's folders; a worker killed a moment ago may still be writing its progress. */
export function removeRunDirs(dirs: RunDirs): void {
  try {
    rmSync(dirs.root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  } catch {
    // Left for the system to clean: a leftover temporary folder harms nobody.
  }
}

let bwrapWorks: boolean | undefined;

/** Whether `bwrap` is installed and allowed to create namespaces here (not in every container). */
export function bwrapAvailable(): boolean {
  if (bwrapWorks === undefined) {
    if (process.platform !== 'linux') {
      bwrapWorks = false;
    } else {
      const probe = spawnSync('bwrap', [...namespaceArgs(), '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--', 'true'], {
        stdio: 'ignore',
        timeout: 5_000,
      });
      bwrapWorks = probe.status === 0;
    }
  }
  return bwrapWorks;
}

function namespaceArgs(): string[] {
  return ['--die-with-parent', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--new-session'];
}

/** `--permission` from Node 22.13 and 23.5; `--experimental-permission` before. */
export function permissionFlag(version: string = process.versions.node): string {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const stable = major >= 24 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? '--permission' : '--experimental-permission';
}

export function sandboxLayers(): SandboxLayers {
  const setting = (process.env.COURSE_SANDBOX ?? 'on').split(',').map((word) => word.trim());
  if (setting.includes('off')) return { bwrap: false, permissions: false, imports: false, notes: ['COURSE_SANDBOX=off: no sandbox'] };
  const notes: string[] = [];
  const bwrap = !setting.includes('no-bwrap') && bwrapAvailable();
  if (!bwrap && !setting.includes('no-bwrap')) {
    notes.push(process.platform === 'linux' ? 'bubblewrap is not installed or may not create namespaces here' : `bubblewrap needs Linux (this is ${process.platform})`);
  }
  return { bwrap, permissions: !setting.includes('no-permissions'), imports: !setting.includes('no-imports'), notes };
}

/** The Node options of each test worker: the permission model, scoped to what a worker needs. */
export function workerExecArgv(layers: SandboxLayers, target: string, dirs: RunDirs): string[] {
  const args = [
    // A submission that exhausts the heap stops its own worker quickly, not after minutes of GC.
    '--max-old-space-size=256',
    // eval and new Function: nothing in the course needs them, and they defeat the import check.
    '--disallow-code-generation-from-strings',
  ];
  if (!layers.permissions) return args;
  // node_modules may be a symbolic link (a Gradescope bundle tried out locally): allow where it leads too.
  const modules = path.join(repoRoot, 'node_modules');
  const read = [...new Set([modules, existsSync(modules) ? realpathSync(modules) : modules]), target, dirs.scratch];
  const write = [dirs.scratch, dirs.progress];
  return [
    ...args,
    permissionFlag(),
    ...read.map((dir) => `--allow-fs-read=${path.join(dir, '*')}`),
    ...write.map((dir) => `--allow-fs-write=${path.join(dir, '*')}`),
  ];
}

/** The folder of the Node installation that runs the grader (`…/bin/node` → `…`). */
function nodeHome(): string {
  return path.dirname(path.dirname(realpathSync(process.execPath)));
}

/**
 * The command that starts vitest's main process: `node …args` itself, or the same under
 * bubblewrap with the repository and the target read-only and the run's folder writable.
 */
export function sandboxedCommand(layers: SandboxLayers, target: string, dirs: RunDirs, nodeArgs: readonly string[]): { command: string; args: string[] } {
  if (!layers.bwrap) return { command: process.execPath, args: [...nodeArgs] };
  const args = [
    ...namespaceArgs(),
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
    // A private /tmp hides the machine's; what the run needs comes back into it, read-only
    // (Node itself, the course and the target may live under /tmp), and the run's own folder.
    '--tmpfs', '/tmp',
    ...[nodeHome(), repoRoot, target].flatMap((dir) => ['--ro-bind', dir, dir]),
    '--bind', dirs.root, dirs.root,
    '--chdir', repoRoot,
    '--',
    process.execPath,
    ...nodeArgs,
  ];
  return { command: 'bwrap', args };
}
