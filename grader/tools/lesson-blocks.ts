// Finds the runnable examples of a lesson and runs them.
//
//   npx tsx grader/tools/lesson-blocks.ts lessons/01-event-loop.md   runs every example, shows differences
//
// A runnable example is a ```ts block directly followed (blank lines only between) by a ```text
// block: the text block is exactly what the program prints. Each example runs as a standalone ES
// module with tsx under the virtual clock (virtual-clock.ts), so waits take no real time.
// The course's test suite (grader/test/lessons.test.ts) runs every example of every lesson.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly endLine: number;
  /** The `N` of a `<!-- source-example: N -->` comment on the nearest non-blank line above. */
  readonly sourceExample?: number;
}

export interface RunnableExample {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly expected: string;
  readonly sourceExample?: number;
}

export function parseBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trim().startsWith(fence)) body.push(lines[j++]!);
    let above = i - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const marker = above >= 0 ? /<!--\s*source-example:\s*(\d+)\s*-->/.exec(lines[above]!) : null;
    blocks.push({ lang: open[3]!.toLowerCase(), code: body.join('\n'), line: i + 1, endLine: j + 1, sourceExample: marker ? Number(marker[1]) : undefined });
    i = j;
  }
  return blocks;
}

export function runnableExamples(file: string): RunnableExample[] {
  const markdown = readFileSync(file, 'utf8');
  const lines = markdown.split('\n');
  const blocks = parseBlocks(markdown);
  const examples: RunnableExample[] = [];
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    if (!['ts', 'typescript'].includes(block.lang) || next?.lang !== 'text') return;
    const between = lines.slice(block.endLine, next.line - 1);
    if (between.some((line) => line.trim() !== '')) return;
    examples.push({ file, line: block.line, code: block.code, expected: next.code, sourceExample: block.sourceExample });
  });
  return examples;
}

/** A line the example printed, and when: seconds of (virtual) time after it started. */
export interface TimedLine {
  readonly at: number;
  readonly line: string;
}

interface TimelineEntry {
  readonly at: number;
  readonly line?: string;
  readonly exit?: true;
}

export interface ExampleRun {
  readonly stdout: string;
  /** Every line of stdout with the virtual time it was printed at (see virtual-clock.ts). */
  readonly timeline: readonly TimedLine[];
  /** When the program ended, in seconds of virtual time; undefined if it was killed. */
  readonly endedAt?: number;
  readonly stderr: string;
  readonly exitCode: number | null;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const clock = path.join(import.meta.dirname, 'virtual-clock.ts');

export async function runExample(example: RunnableExample, timeoutMs = 90_000): Promise<ExampleRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lesson-example-'));
  const file = path.join(dir, `${path.basename(example.file, '.md')}-line-${example.line}.mts`);
  const timelineFile = path.join(dir, 'timeline.jsonl');
  writeFileSync(file, example.code);
  writeFileSync(timelineFile, '');
  try {
    return await new Promise((resolve) => {
      const env = { ...process.env, VIRTUAL_CLOCK_TIMELINE: timelineFile };
      const child = spawn(process.execPath, ['--import', 'tsx', '--import', clock, file], { cwd: repoRoot, timeout: timeoutMs, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      child.on('close', (exitCode) => {
        const entries = readFileSync(timelineFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as TimelineEntry);
        const timeline = entries.flatMap(({ at, line }) => (line === undefined ? [] : [{ at, line }]));
        resolve({ stdout, timeline, endedAt: entries.find((entry) => entry.exit)?.at, stderr, exitCode });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Output compared line by line, ignoring trailing spaces and trailing blank lines. */
export function normaliseOutput(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

async function main(files: string[]): Promise<void> {
  let failed = 0;
  let total = 0;
  for (const file of files) {
    for (const example of runnableExamples(file)) {
      total++;
      const run = await runExample(example);
      const ok = run.exitCode === 0 && normaliseOutput(run.stdout) === normaliseOutput(example.expected);
      console.log(`${ok ? '✔' : '✘'} ${path.relative(process.cwd(), file)}:${example.line}`);
      if (!ok) {
        failed++;
        console.log(`  expected:\n${indent(example.expected)}\n  printed (exit ${run.exitCode}):\n${indent(run.stdout)}${run.stderr ? `\n  stderr:\n${indent(run.stderr)}` : ''}`);
      }
    }
  }
  console.log(`\n${total - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

if (import.meta.filename === process.argv[1]) {
  void main(process.argv.slice(2));
}
