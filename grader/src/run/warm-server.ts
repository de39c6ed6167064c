// The warm vitest server of watch mode (started by warmVitest in vitest-process.ts, never by
// hand). It creates one vitest instance with the grader's configuration and, for each `run`
// message, runs the spec files it names, after telling Vite that the target's files may have
// changed. The event reporter sends the run's events to the grader as usual; `run-end` says the
// run is over.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createVitest } from 'vitest/node';

const target = process.env.COURSE_TARGET!;
// `configLoader: 'runner'` reads the configuration without writing a bundled copy beside it,
// which the sandbox's read-only file system would refuse.
const vitest = await createVitest('test', { config: path.join(import.meta.dirname, 'grade.config.ts'), watch: false, configLoader: 'runner' });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

process.on('message', async (message: { type: string; specFiles: string[]; skipTests: string[] }) => {
  if (message.type !== 'run') return;
  // The workers of this run read the tests to skip from their environment (test-hooks.ts).
  process.env.COURSE_SKIP_TESTS = JSON.stringify(message.skipTests);
  for (const file of filesUnder(target)) vitest.invalidateFile(file);
  const specifications = message.specFiles.map((file) => vitest.getRootProject().createSpecification(file));
  await vitest.runTestSpecifications(specifications, false);
  process.send!({ type: 'run-end' });
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
