// The batch figure of `npm run bench`: 30 full-course submissions graded into a gradebook, the way
// a teacher does it. Most are copies of the reference solutions; a few are the untouched stubs and
// a few carry wrong solutions, so that failing tests and their messages are part of the cost.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchGrade } from '../src/batch/batch.ts';
import { exercises, files, repoRoot } from '../src/catalogue.ts';

export interface BatchFigure {
  submissions: number;
  seconds: number;
  perMinute: number;
}

/** A folder of `count` submissions, each a clone-like folder with exercises/ inside. */
export function makeBatchFolder(count = 30): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'course-bench-batch-'));
  for (let i = 0; i < count; i++) {
    const student = path.join(folder, `student-${String(i + 1).padStart(2, '0')}`, 'exercises');
    mkdirSync(path.dirname(student), { recursive: true });
    // Every tenth is the stubs; every seventh has one wrong solution per exercise; the rest are the solutions.
    cpSync(path.join(repoRoot, i % 10 === 9 ? 'exercises' : 'solutions'), student, { recursive: true });
    if (i % 7 === 3) {
      for (const exercise of exercises) {
        const dir = files.wrongSolutions(exercise);
        const wrong = readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()[i % 3];
        if (wrong) cpSync(path.join(dir, wrong), files.module(student, exercise));
      }
    }
  }
  return folder;
}

export async function benchBatch(count = 30, jobs?: number): Promise<BatchFigure> {
  const folder = makeBatchFolder(count);
  const out = mkdtempSync(path.join(os.tmpdir(), 'course-bench-grades-'));
  try {
    const result = await batchGrade({ folder, out, filters: [], timeoutSeconds: 20, quiet: true, ...(jobs ? { jobs } : {}) });
    return { submissions: count, seconds: Number(result.seconds.toFixed(2)), perMinute: Number(((count / result.seconds) * 60).toFixed(1)) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

// `npx tsx grader/tools/bench-batch.ts [count] [jobs]` prints the figure alone.
if (import.meta.filename === process.argv[1]) {
  const figure = await benchBatch(Number(process.argv[2]) || 30, Number(process.argv[3]) || undefined);
  console.log(JSON.stringify({ batch: figure }));
}
