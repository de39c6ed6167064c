// Loads the module a spec grades, from the target tree the grader chose, and turns every way
// that can go wrong (a missing file, a syntax error, a throw at import, a missing export) into
// one ExerciseLoadError whose message names the file and says what to do. The import happens in
// a beforeAll hook, so the spec's tests are still collected with their points and each fails
// with that message, instead of the whole spec file vanishing from the report.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll } from 'vitest';

/** The name the grader looks for to tell "your file does not load" from "a test failed". */
export const LOAD_ERROR_NAME = 'ExerciseLoadError';

export class ExerciseLoadError extends Error {
  override name = LOAD_ERROR_NAME;
}

/** Where the grader points `@target/`; the course's own solutions when run by hand. */
export function targetRoot(): string {
  return process.env.COURSE_TARGET ?? path.resolve(import.meta.dirname, '../../solutions');
}

/**
 * Returns the exercise module `id` (`'01-event-loop/sleep'`) of the target tree, filled in before
 * the first test runs. `required` lists the exports the spec uses; a missing one fails every test
 * of the spec with a message naming it.
 *
 *   const ex = loadExercise<typeof import('@target/01-event-loop/sleep.ts')>('01-event-loop/sleep', ['sleep']);
 *   test('…', async () => { await ex.sleep(10); });
 */
export function loadExercise<M extends object>(id: string, required: readonly (keyof M & string)[]): M {
  const loaded = {} as M;
  beforeAll(async () => {
    const shownPath = displayPath(id);
    if (!existsSync(path.join(targetRoot(), `${id}.ts`))) {
      throw new ExerciseLoadError(`${shownPath} is missing. Restore the stub (for example with \`git checkout -- ${shownPath}\`) and try again.`);
    }
    let module: Record<string, unknown>;
    try {
      module = await import(/* @vite-ignore */ `@target/${id}.ts`);
    } catch (error) {
      throw new ExerciseLoadError(describeImportFailure(shownPath, error));
    }
    const missing = required.filter((name) => module[name] === undefined);
    if (missing.length > 0) {
      const names = missing.map((name) => `\`${name}\``).join(', ');
      throw new ExerciseLoadError(
        `${shownPath} does not export ${names}. Keep the exports of the original stub (their names and the \`export\` keyword).`,
      );
    }
    Object.assign(loaded, module);
  }, 30_000);
  return loaded;
}

function displayPath(id: string): string {
  return displayFile(path.join(targetRoot(), `${id}.ts`));
}

function displayFile(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

function describeImportFailure(shownPath: string, error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  const text = stripAnsi(`${err.message}\n${err.stack ?? ''}`);
  const fileName = path.basename(shownPath);
  if (/Failed to load url|Cannot find module|ERR_MODULE_NOT_FOUND|does the file exist/i.test(text) && text.includes(fileName.replace(/\.ts$/, ''))) {
    return `${shownPath} is missing. Restore the stub (for example with \`git checkout -- ${shownPath}\`) and try again.`;
  }
  // The grader's import check (grader/src/run/import-check.ts) says exactly what it refused.
  const refused = /\[import refused\] (\S+?):(\d+) (.+)/.exec(text);
  if (refused) return `${displayFile(refused[1]!)}:${refused[2]} ${refused[3]}`;
  const line = lineInTarget(fileName, text);
  const where = line ? `${shownPath}:${line}` : shownPath;
  // Vite reports code it cannot parse as a failed transform; a SyntaxError thrown by running
  // code (JSON.parse, new Function) is a throw at import like any other.
  if ('__vitest_rollup_error__' in err || /^Transform failed|\[PARSE_ERROR\]/m.test(text)) {
    const reason = /\[PARSE_ERROR\]\s*(.+)/.exec(text)?.[1] ?? firstLine(text.replace(/^Transform failed.*$/m, ''));
    return `${where} has a syntax error: ${reason.trim()}`;
  }
  return `${where} throws while it is being imported: ${err.name}: ${firstLine(err.message)}. Code at the top level of a module runs on import; move it into a function.`;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The `line` of the first stack frame or message position that points into the target file. */
function lineInTarget(fileName: string, text: string): string | undefined {
  const base = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${base}:(\\d+)(?::\\d+)?`).exec(text);
  return match?.[1];
}

function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? message;
}
