// `npm run check [-- <exercise>…] [--watch]`: the visible tests of the named exercises (all by
// default), run by vitest with its usual output. Names go through the catalogue, so `task` means
// exercises/04-tasks/task.test.ts and not every path that contains "task".
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { files, repoRoot } from '../catalogue.ts';
import { selectExercisesOrExplain } from './select.ts';

export interface CheckOptions {
  filters: readonly string[];
  watch: boolean;
}

const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Resolves with vitest's exit code. */
export function check(options: CheckOptions): Promise<number> {
  const selected = selectExercisesOrExplain(options.filters);
  const testFiles = options.filters.length === 0 ? [] : selected.map((exercise) => path.relative(repoRoot, files.visibleTest(exercise)));
  const args = [vitestBin, options.watch ? 'watch' : 'run', ...testFiles];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
