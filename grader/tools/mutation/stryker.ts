// Runs StrykerJS over one exercise's reference solution against its hidden spec, and returns the
// mutants it made with their outcome. Stryker works in a sandbox copy of the repository (under
// .grader/), so the solution on disk is never touched, even if the run is interrupted.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Exercise, files, repoRoot } from '../../src/catalogue.ts';
import type { Mutant } from './score.ts';

const strykerBin = path.join(path.dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const workDir = path.join(repoRoot, '.grader', 'mutation');

export interface StrykerRun {
  readonly mutants: readonly Mutant[];
  readonly wallMs: number;
  /** Stryker's own log of the run, kept for when something needs a closer look. */
  readonly logFile: string;
}

interface StrykerReport {
  files: Record<string, { mutants: { mutatorName: string; replacement?: string; status: Mutant['status']; location: { start: { line: number; column: number } } }[] }>;
}

export async function runStryker(exercise: Exercise, concurrency: number): Promise<StrykerRun> {
  const dir = path.join(workDir, exercise.lesson, exercise.name);
  mkdirSync(dir, { recursive: true });
  const reportFile = path.join(dir, 'mutation.json');
  const logFile = path.join(dir, 'stryker.log');
  const configFile = path.join(dir, 'stryker.config.json');
  const relative = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        testRunner: 'vitest',
        plugins: ['@stryker-mutator/vitest-runner'],
        vitest: { configFile: 'grader/tools/mutation/vitest.config.ts', related: false },
        mutate: [relative(files.solution(exercise))],
        coverageAnalysis: 'perTest',
        concurrency,
        reporters: ['json'],
        jsonReporter: { fileName: relative(reportFile) },
        tempDirName: '.grader/stryker-tmp',
        cleanTempDir: 'always',
        // The sandbox needs the solutions, the specs and the spec kit; the rest only slows the copy.
        ignorePatterns: ['/.grader', '/lessons', '/exercises', '/grader/wrong', '/grader/right', '/grader/test'],
        // A spec that leaves a test failing on the solution itself is a broken spec, not a killed mutant.
        allowEmpty: false,
      },
      null,
      2,
    ),
  );
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [strykerBin, 'run', configFile], {
      cwd: repoRoot,
      env: { ...process.env, COURSE_MUTATION_SPEC: relative(files.spec(exercise)), NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      writeFileSync(logFile, text);
      if (code === 0) resolve();
      else reject(new Error(`Stryker failed on ${exercise.id} (exit code ${code}); its log is in ${relative(logFile)}:\n${text.split('\n').slice(-15).join('\n')}`));
    });
  });
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as StrykerReport;
  const mutants = Object.values(report.files).flatMap((file) =>
    file.mutants.map((mutant) => ({
      location: `${mutant.location.start.line}:${mutant.location.start.column}`,
      mutator: mutant.mutatorName,
      replacement: mutant.replacement ?? '',
      status: mutant.status,
    })),
  );
  return { mutants, wallMs: performance.now() - started, logFile };
}
