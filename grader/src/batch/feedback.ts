// The short Markdown feedback a student gets from a batch: their points per exercise and, for
// each failing test, its name and the reason it failed. It is made from the report only, whose
// messages never hold the hidden specs' source (messages.ts keeps code frames and spec paths out).
import type { StudentReport } from './gradebook.ts';

export function feedbackMarkdown(report: StudentReport): string {
  const out: string[] = [`# Feedback for ${report.student}`, ''];
  const { points, maxPoints } = report.total;
  out.push(`**Total: ${points}/${maxPoints} points** (${maxPoints === 0 ? 0 : Math.floor((100 * points) / maxPoints)}%)`, '');
  if (report.batch.reason) out.push(`Nothing could be graded: ${report.batch.reason}`, '');
  for (const note of report.batch.notes) out.push(`Note: ${note}`, '');
  out.push('| exercise | points | status |', '| --- | --- | --- |');
  for (const exercise of report.exercises) out.push(`| ${cell(exercise.id)} | ${exercise.points}/${exercise.maxPoints} | ${exercise.status} |`);
  out.push('');
  for (const exercise of report.exercises) {
    if (exercise.status === 'done' || report.batch.reason) continue;
    out.push(`## ${exercise.id}: ${exercise.points}/${exercise.maxPoints}`, '');
    if (exercise.message) {
      out.push(...fenced(exercise.message), '');
      continue;
    }
    const failed = exercise.tests.filter((test) => test.status === 'failed');
    if (failed.length === 0) continue;
    for (const test of failed) {
      out.push(`- ✘ ${inline(test.name)}${test.maxPoints === 1 ? '' : ` (${test.maxPoints} points)`}`, '');
      out.push(...fenced(test.message ?? 'failed').map((line) => (line ? `  ${line}` : line)), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A fenced block whose fence is longer than any run of backticks in the text. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...text.split('\n'), fence];
}

function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
