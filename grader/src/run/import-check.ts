// What a submission may import, checked in vitest's main process (which runs no submitted code)
// as each module of the target tree is transformed, so that a refused import never loads.
//
// Allowed: Node's built-in modules that the exercises have a use for (events, timers, util,
// streams…) and the submission's own files inside the target tree. Refused, with a message naming
// the file, the line and the import, which costs that exercise its points: everything else, in
// particular child processes, worker threads, the file system, the network, vm, inspector, module
// loaders, vitest and any package, and paths outside the target (the grader, the specs). An
// `import()` of a computed name, `require` and the few names that reach Node's internals or the
// test framework without an import are refused the same way. The sandbox (sandbox.ts) is what
// holds when this check is fooled.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The marker load-exercise.ts looks for to show a refusal as it is. */
export const REFUSED_MARKER = '[import refused]';

const ALLOWED_BUILTINS = new Set([
  'assert',
  'assert/strict',
  'async_hooks',
  'buffer',
  'events',
  'perf_hooks',
  'process',
  'stream',
  'stream/promises',
  'stream/web',
  'string_decoder',
  'timers',
  'timers/promises',
  'url',
  'util',
  'util/types',
]);

/** Why a built-in module is refused, in words a learner understands. */
function builtinReason(name: string): string {
  if (/^(child_process|cluster|worker_threads)$/.test(name)) return 'graded code may not start processes or threads';
  if (/^fs(\/promises)?$/.test(name)) return 'graded code may not use the file system';
  if (/^(net|http|https|http2|dns|dns\/promises|tls|dgram|inspector|inspector\/promises)$/.test(name)) return 'graded code may not use the network or the inspector';
  return 'the exercises do not need it, and graded code may not use it';
}

/** Names that reach Node's internals or the test framework without an import. */
const FORBIDDEN_NAMES: readonly [RegExp, string][] = [
  [/\brequire\s*\(/, '`require` is not available to graded code: use `import`'],
  [/\bgetBuiltinModule\b/, '`process.getBuiltinModule` is not available to graded code: use `import`'],
  [/\bprocess\s*\.\s*(binding|_linkedBinding|dlopen|_kill|reallyExit)\b|\.\s*(_linkedBinding|dlopen|reallyExit)\b/, 'graded code may not reach Node’s internals'],
  [/vitest|jest-matchers|expect-global|\bchai\b/i, 'graded code may not touch the test framework'],
];

export interface Refusal {
  readonly file: string;
  readonly line: number;
  readonly what: string;
  readonly reason: string;
}

/** The verdict on one import of `importer`, or undefined when it is allowed. */
export function refuseSpecifier(specifier: string, importer: string, targetRoot: string): string | undefined {
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || builtinModules.includes(bare)) {
    return ALLOWED_BUILTINS.has(bare) ? undefined : builtinReason(bare);
  }
  let resolved: string | undefined;
  if (specifier.startsWith('@target/')) resolved = path.join(targetRoot, specifier.slice('@target/'.length));
  else if (specifier.startsWith('.') || specifier.startsWith('/')) resolved = path.resolve(path.dirname(importer), specifier);
  else if (specifier.startsWith('file:')) resolved = new URL(specifier).pathname;
  if (resolved === undefined) return 'graded code may import only Node’s built-in modules and files of the submission, not packages';
  const relative = path.relative(targetRoot, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'it is outside the submission';
  return undefined;
}

/** The 1-based line of the first occurrence of `needle` in `source`, or 1. */
function lineOf(source: string, needle: string | RegExp): number {
  const index = typeof needle === 'string' ? source.indexOf(needle) : source.search(needle);
  return index < 0 ? 1 : source.slice(0, index).split('\n').length;
}

/** Code with its comments blanked out (strings are kept: a name in a string is still a name). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

function* walk(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as AstNode).type !== 'string') return;
  yield node as AstNode;
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && value && typeof value === 'object') yield* walk(value);
  }
}

/**
 * Every refused import and name of one module. `code` is the module as JavaScript (its types
 * erased), `ast` its syntax tree; `original` its source as written, for line numbers.
 */
export function refusalsOf(file: string, original: string, code: string, ast: unknown, targetRoot: string): Refusal[] {
  const refusals: Refusal[] = [];
  for (const node of walk(ast)) {
    let source: AstNode | undefined;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') source = node.source as AstNode | undefined;
    else if (node.type === 'ImportExpression') source = node.source as AstNode;
    if (!source) continue;
    if (source.type !== 'Literal' || typeof source.value !== 'string') {
      refusals.push({ file, line: lineOf(original, /\bimport\s*\(/), what: 'import(…) of a computed name', reason: 'name the module in a string, as in `import(\'./x.ts\')`' });
      continue;
    }
    const reason = refuseSpecifier(source.value, file, targetRoot);
    if (reason) refusals.push({ file, line: lineOf(original, new RegExp(`['"]${source.value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`)), what: `"${source.value}"`, reason });
  }
  const plain = withoutComments(code);
  const plainOriginal = withoutComments(original);
  for (const [pattern, reason] of FORBIDDEN_NAMES) {
    const match = pattern.exec(plain);
    if (match) refusals.push({ file, line: lineOf(plainOriginal, pattern), what: `\`${match[0].replace(/\s*\($/, '')}\``, reason });
  }
  return refusals;
}

export function describeRefusal(refusal: Refusal): string {
  return `${REFUSED_MARKER} ${refusal.file}:${refusal.line} uses ${refusal.what}, which the grader does not allow: ${refusal.reason}.`;
}

/** The vite plugin: refuses a module of the target tree that imports what it may not. */
export function importCheck(targetRoot: string): Plugin {
  const root = path.resolve(targetRoot);
  return {
    name: 'course-import-check',
    enforce: 'post',
    transform(code, id) {
      const file = id.split('?')[0]!;
      const relative = path.relative(root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
      let original = code;
      try {
        original = readFileSync(file, 'utf8');
      } catch {
        // A virtual module: the transformed code is all there is.
      }
      const refusals = refusalsOf(file, original, code, this.parse(code), root);
      if (refusals.length > 0) throw new Error(refusals.map(describeRefusal).join('\n'));
      return null;
    },
  };
}
