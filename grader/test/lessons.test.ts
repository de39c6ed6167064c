// Every lesson example that shows its output is run, and must print exactly what the lesson shows.
// Source-example counterparts are marked `<!-- source-example: N -->` and must be runnable.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../src/catalogue.ts';
import { normaliseOutput, parseBlocks, runExample, runnableExamples } from '../tools/lesson-blocks.ts';

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
const REQUIRED_SOURCE_EXAMPLES = [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

for (const file of lessonFiles) {
  const examples = runnableExamples(file);
  if (examples.length === 0) continue;
  describe.concurrent(path.relative(repoRoot, file), () => {
    test.each(examples.map((example) => [`line ${example.line}`, example] as const))('the example at %s prints what the lesson shows', async (_, example) => {
      const run = await runExample(example);
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(normaliseOutput(run.stdout)).toBe(normaliseOutput(example.expected));
    });
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
