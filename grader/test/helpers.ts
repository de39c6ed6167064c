// Shared by the course's own tests: grading a tree in-process, building throwaway targets, and
// running the grader's command line as a learner would.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/catalogue.ts';
import { grade } from '../src/commands/grade.ts';
import type { GradeReport } from '../src/score.ts';

export const solutionsDir = path.join(repoRoot, 'solutions');
export const exercisesDir = path.join(repoRoot, 'exercises');

export function gradeQuietly(target: string, filters: readonly string[] = [], timeoutSeconds = 30): Promise<GradeReport> {
  return grade({ filters, target, timeoutSeconds, quiet: true });
}

export { makeTarget } from '../tools/candidates.ts';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tsx grader/src/cli.ts …args` from `cwd`, the way the npm scripts do. */
export function runCli(args: readonly string[], cwd: string = repoRoot, env: Record<string, string> = {}): Promise<CliRun> {
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, path.join(repoRoot, 'grader/src/cli.ts'), ...args], {
      cwd,
      // A progress file of the test's own, so that the suite never touches a maintainer's progress.
      env: { ...process.env, NO_COLOR: '1', INIT_CWD: cwd, COURSE_STATE_FILE: path.join(os.tmpdir(), `course-state-${process.pid}.json`), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
