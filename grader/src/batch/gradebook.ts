// The gradebook of a batch: one CSV row per student, one column per exercise, the total, the
// maximum and a short note. It is built from the per-student reports alone, sorted by student,
// with nothing that changes from run to run, so the same reports always give the same bytes:
// a resumed run, an unsharded run and the merge of its shards all write the same file.
import type { GradeReport } from '../score.ts';

export interface StudentReport extends GradeReport {
  /** The submission's folder name under the batch folder. */
  student: string;
  batch: {
    /** Of the hidden specs the report was graded with. */
    specsHash: string;
    /** Of the files that were graded. */
    submissionHash: string;
    /** Why the whole submission scored 0, when it did. */
    reason?: string;
    /** What the student should know that cost no points. */
    notes: string[];
  };
}

export function gradebookCsv(reports: readonly StudentReport[]): string {
  const sorted = [...reports].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  const ids = sorted[0]?.exercises.map((exercise) => exercise.id) ?? [];
  const rows: string[][] = [['student', ...ids, 'total', 'max', 'notes']];
  for (const report of sorted) {
    const points = new Map(report.exercises.map((exercise) => [exercise.id, exercise.points]));
    rows.push([report.student, ...ids.map((id) => String(points.get(id) ?? 0)), String(report.total.points), String(report.total.maxPoints), noteOf(report)]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One short line: why the submission scored 0, or which exercises did not load or timed out. */
function noteOf(report: StudentReport): string {
  if (report.batch.reason) return report.batch.reason;
  const troubled = report.exercises.filter((exercise) => exercise.status === 'load-error' || exercise.status === 'timed-out' || exercise.status === 'spec-error');
  return troubled.map((exercise) => `${exercise.id.split('/')[1]}: ${exercise.status}`).join('; ');
}

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Parses the CSV this module writes (for tests and merges): rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
