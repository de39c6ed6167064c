// The batch forms of `npm run grade`: --batch <folder> --out <dir> [--shard i/n] [--jobs n], and
// --merge <dir>… --out <dir>. Checks what the user typed and explains what is wrong with an example.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { batchGrade, mergeBatches, parseShard } from './batch.ts';

export interface BatchCommand {
  batch?: string;
  merge: boolean;
  out?: string;
  shard?: string;
  jobs?: string;
  filters: readonly string[];
  timeoutSeconds: number;
}

const EXAMPLE = 'npm run grade -- --batch submissions --out grades';

export async function batchCommand(command: BatchCommand): Promise<void> {
  const here = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!command.out) {
    throw new UsageError(`${command.merge ? '--merge' : '--batch'} needs --out <dir>, the folder for the gradebook, the reports and the feedback. For example: ${command.merge ? 'npm run grade -- --merge shard-1 shard-2 --out grades' : EXAMPLE}`);
  }
  const out = here(command.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${command.out} is a file; give a folder. For example: ${EXAMPLE}`);
  if (command.merge) {
    if (command.batch !== undefined || command.shard !== undefined) throw new UsageError('--merge takes the folders to merge and --out, nothing else. For example: npm run grade -- --merge shard-1 shard-2 --out grades');
    const merged = mergeBatches(command.filters.map(here), out);
    console.log(`Merged ${merged.students.length} students from ${command.filters.length} folders. Gradebook written to ${merged.gradebook}`);
    return;
  }
  const folder = here(command.batch!);
  if (!existsSync(folder)) throw new UsageError(`The batch folder "${command.batch}" does not exist. Give a folder with one sub-folder per student, for example: ${EXAMPLE}`);
  if (!statSync(folder).isDirectory()) {
    throw new UsageError(`--batch ${command.batch} is a file, not a folder. Give a folder with one sub-folder per student (each a clone of their repository or their exercises/ folder), for example: ${EXAMPLE}`);
  }
  if (path.relative(folder, out) === '' || !path.relative(folder, out).startsWith('..')) {
    throw new UsageError(`--out must be outside the batch folder, or it would be graded as a student. For example: ${EXAMPLE}`);
  }
  const jobs = command.jobs === undefined ? undefined : Number(command.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs expects a whole number of submissions graded at once, got "${command.jobs}". For example: --jobs 2`);
  const result = await batchGrade({
    folder,
    out,
    filters: command.filters,
    shard: command.shard === undefined ? undefined : parseShard(command.shard),
    timeoutSeconds: command.timeoutSeconds,
    jobs,
  });
  console.log(
    `Graded ${result.students.length} submissions (${result.graded} graded now, ${result.resumed} already graded) in ${result.seconds.toFixed(1)} s.\n` +
      `Gradebook: ${result.gradebook}\nReports:   ${path.join(out, 'reports')}\nFeedback:  ${path.join(out, 'feedback')}`,
  );
}
