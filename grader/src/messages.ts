// Turns what vitest reports about a failed test into the short message a learner sees: the
// error's name and message, never a code frame or a stack line, and never anything that points
// into the hidden specs or the spec kit.
import path from 'node:path';
import { rewriteAssertion } from './assertion-text.ts';
import type { ReportedError } from './run/events.ts';

// Enough for a description and two lists side by side (assertion-text.ts caps those at 20 rows).
const MAX_LINES = 24;
// Lines that would show where the hidden test lives or what it contains.
// A stack line is `at name (file:line:column)` or `at file:line:column`; a sentence that starts
// with "at 200 ms, …" is not one.
const HIDDEN = /grader[\\/](specs|spec-kit)|\.spec\.ts|^\s*at\s.*(\(.*\)|:\d+:\d+)\s*$|^\s*\d+\s*\||^\s*\|?\s*\^/;
const ANSI = /\u001b\[[0-9;]*m/g;

export const TIMEOUT_MESSAGE = 'timed out: does it loop forever or never resolve?';

export function describeFailure(error: ReportedError | undefined, target: string): string {
  if (!error) return 'failed';
  const showName = error.name !== 'Error' && error.name !== 'AssertionError' && error.name !== 'ExerciseLoadError';
  let text = (showName ? `${error.name}: ${error.message}` : error.message).replace(ANSI, '');
  if (/Test timed out in \d+ms/.test(text)) return TIMEOUT_MESSAGE;
  // vitest's note on how it compared, and its sign on zero (+0), say nothing to a learner.
  text = relativePaths(text, target)
    .replace(/ \/\/ Object\.is equality/g, '')
    .replace(/([\s(])\+0\b/g, (_, before: string) => `${before}0`);
  const kept = text
    .split('\n')
    .filter((line) => line.trim() !== '' && !HIDDEN.test(line))
    .join('\n');
  const lines = rewriteAssertion(kept, error)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trimEnd());
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push('…');
  return shown.join('\n') || 'failed';
}

/** Absolute paths into the target become paths relative to where the learner stands. */
function relativePaths(text: string, target: string): string {
  const cwd = process.cwd();
  const shownTarget = path.relative(cwd, target) || '.';
  return text.split(target).join(shownTarget.startsWith('..') ? target : shownTarget);
}
