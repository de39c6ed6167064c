// Writes the report in the formats asked for beside --json: --junit <file> and --classroom <file>.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GradeReport } from '../score.ts';
import { classroomResult } from './classroom.ts';
import { junitXml } from './junit.ts';

export interface FormatFiles {
  junit?: string;
  classroom?: string;
}

/** Relative paths are read from where the command was typed, like --target. */
export function writeFormats(report: GradeReport, outputs: FormatFiles, quiet = false): void {
  const where = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const write = (file: string, content: string, what: string) => {
    mkdirSync(path.dirname(where(file)), { recursive: true });
    writeFileSync(where(file), content);
    if (!quiet) console.log(`${what} written to ${file}`);
  };
  if (outputs.junit) write(outputs.junit, junitXml(report), 'JUnit XML report');
  if (outputs.classroom) write(outputs.classroom, `${JSON.stringify(classroomResult(report))}\n`, 'GitHub Classroom result');
}
