// The machine-readable report: the GradeReport model as JSON, for scripts, CI and gradebooks.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GradeReport } from '../score.ts';

export function writeJsonReport(report: GradeReport, file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
