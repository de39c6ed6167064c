// Every lesson example that shows its output is run, and must print exactly what the lesson shows.
// Source-example counterparts are marked `<!-- source-example: N -->` and must be runnable.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../src/catalogue.ts';
import { type ExampleRun, normaliseOutput, parseBlocks, type RunnableExample, runExample, runnableExamples } from '../tools/lesson-blocks.ts';

const lessonsDir = path.join(repoRoot, 'lessons');
const lessonFiles = readdirSync(lessonsDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => path.join(lessonsDir, name));

test('every runnable example type-checks with the course’s strict settings', () => {
  // Inside the repository, so that the examples see its tsconfig and its @types.
  mkdirSync(path.join(repoRoot, '.grader'), { recursive: true });
  const dir = mkdtempSync(path.join(repoRoot, '.grader', 'lesson-types-'));
  try {
    for (const file of lessonFiles) {
      for (const example of runnableExamples(file)) {
        writeFileSync(path.join(dir, `${path.basename(file, '.md')}-line-${example.line}.ts`), `${example.code}\n`);
      }
    }
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'], exclude: [] }));
    const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    // tsc names each failing example by lesson and line: 01-event-loop-line-42.ts(3,7): error …
    expect(tsc.stdout).toBe('');
    expect(tsc.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The source examples that lessons written so far must carry (COURSE.md, "Source examples").
const REQUIRED_SOURCE_EXAMPLES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

// What each source example prints and when: the course's own copy of the measured Python output.
interface SourceExample {
  readonly lesson: string;
  readonly lines: readonly (readonly [number, string])[];
  readonly endsAt?: number;
}
const sourceExamples = (JSON.parse(readFileSync(path.join(import.meta.dirname, 'data/source-examples.json'), 'utf8')) as { examples: Record<string, SourceExample> }).examples;

/** Seconds within which a line counts as printed "at" its time (the program's time is exact; this is for sub-millisecond rounding). */
const TIME_TOLERANCE = 0.001;

// Each example runs once; the output test and the source-example test share the run.
const runs = new Map<string, Promise<ExampleRun>>();
function run(example: RunnableExample): Promise<ExampleRun> {
  const key = `${example.file}:${example.line}`;
  if (!runs.has(key)) runs.set(key, runExample(example));
  return runs.get(key)!;
}

/** "2.0 s: Hello" — the form in which a source example's lines are compared. */
function timed(at: number, line: string): string {
  return `${at.toFixed(1)} s: ${line}`;
}

for (const file of lessonFiles) {
  const examples = runnableExamples(file);
  if (examples.length === 0) continue;
  describe.concurrent(path.relative(repoRoot, file), () => {
    test.each(examples.map((example) => [`line ${example.line}`, example] as const))('the example at %s prints what the lesson shows', async (_, example) => {
      const result = await run(example);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(normaliseOutput(result.stdout)).toBe(normaliseOutput(example.expected));
    });
    const marked = examples.filter((example) => example.sourceExample !== undefined);
    test.each(marked.map((example) => [example.sourceExample!, `line ${example.line}`, example] as const))(
      'source example %i (%s) prints the lines of the Python program, at its times, and nothing else',
      async (number, _, example) => {
        const expected = sourceExamples[String(number)]!;
        const result = await run(example);
        // Times are rounded to the expected ones when close enough, so a difference shows as text.
        const near = (at: number, want: number | undefined): number => (want !== undefined && Math.abs(at - want) <= TIME_TOLERANCE ? want : at);
        const printed = result.timeline.map(({ at, line }, index) => timed(near(at, expected.lines[index]?.[0]), line.trimEnd()));
        expect(printed).toEqual(expected.lines.map(([at, line]) => timed(at, line)));
        if (expected.endsAt !== undefined) expect(near(result.endedAt ?? -1, expected.endsAt)).toBe(expected.endsAt);
      },
    );
  });
}

describe('source examples', () => {
  const marked = lessonFiles.flatMap((file) =>
    parseBlocks(readFileSync(file, 'utf8'))
      .filter((block) => block.sourceExample !== undefined)
      .map((block) => ({ file, line: block.line, number: block.sourceExample!, runnable: runnableExamples(file).some((example) => example.line === block.line) })),
  );

  test.each(REQUIRED_SOURCE_EXAMPLES)('source example %i has a TypeScript counterpart in a lesson', (number) => {
    expect(marked.map((mark) => mark.number)).toContain(number);
  });

  test('each source example is marked once, on a runnable example', () => {
    const numbers = marked.map((mark) => mark.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(marked.filter((mark) => !mark.runnable).map((mark) => `${path.basename(mark.file)}:${mark.line}`)).toEqual([]);
  });
});
