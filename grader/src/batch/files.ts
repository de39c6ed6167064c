// Small file helpers of batch grading: atomic writes and the hash of the hidden specs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../catalogue.ts';

/** Writes `file` whole or not at all: a crash half-way leaves the old file (or none), never half of the new one. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** The hidden specs and the spec kit they run on, hashed: a report graded against other specs is graded again. */
export function hiddenSpecsHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['grader/specs', 'grader/spec-kit']) {
    for (const file of walk(path.join(repoRoot, dir))) {
      hash.update(`${path.relative(repoRoot, file).split(path.sep).join('/')}\0`);
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}
