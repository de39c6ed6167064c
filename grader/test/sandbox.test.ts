// The sandbox's parts on their own, without grading: which imports the import check refuses and
// where it says they are, which Node flag the permission model takes, and what the workers may
// read and write. The hostile suite (hostile.test.ts) shows the whole at work.
import { parseAst } from 'vite';
import { describe, expect, test } from 'vitest';
import { describeRefusal, refusalsOf, refuseSpecifier } from '../src/run/import-check.ts';
import { makeRunDirs, permissionFlag, removeRunDirs, workerExecArgv } from '../src/run/sandbox.ts';
import { sealOf } from '../src/run/seal.ts';

const target = '/submission';
const file = '/submission/01-event-loop/sleep.ts';

describe('the import check', () => {
  test.each([
    ['node:events', undefined],
    ['node:timers/promises', undefined],
    ['util', undefined],
    ['./helper.ts', undefined],
    ['../02-coroutines/lazy.ts', undefined],
    ['@target/03-futures/future.ts', undefined],
    ['node:child_process', 'graded code may not start processes or threads'],
    ['worker_threads', 'graded code may not start processes or threads'],
    ['node:fs/promises', 'graded code may not use the file system'],
    ['node:net', 'graded code may not use the network or the inspector'],
    ['node:vm', 'the exercises do not need it, and graded code may not use it'],
    ['vitest', 'graded code may import only Node’s built-in modules and files of the submission, not packages'],
    ['../../grader/specs/01-event-loop/sleep.spec.ts', 'it is outside the submission'],
    ['/etc/passwd', 'it is outside the submission'],
  ])('%s: %s', (specifier, reason) => {
    expect(refuseSpecifier(specifier, file, target)).toBe(reason);
  });

  const check = (source: string) => refusalsOf(file, source, source, parseAst(source), target);

  test('names the file, the line and the import of each refusal', () => {
    const source = "import { setTimeout } from 'node:timers/promises';\n\nimport { execSync } from 'node:child_process';\nexport const x = 1;\n";
    const [refusal, ...others] = check(source);
    expect(others).toEqual([]);
    expect(describeRefusal(refusal!)).toBe(
      '[import refused] /submission/01-event-loop/sleep.ts:3 uses "node:child_process", which the grader does not allow: graded code may not start processes or threads.',
    );
  });

  test('refuses an import() of a computed name, re-exports, require and getBuiltinModule', () => {
    expect(check("const m = await import(['node', 'fs'].join(':'));\nexport {};\n")[0]).toMatchObject({ line: 1, what: 'import(…) of a computed name' });
    expect(check("export * from 'node:fs';\n")[0]).toMatchObject({ what: '"node:fs"' });
    expect(check("const fs = require('fs');\nexport {};\n")[0]).toMatchObject({ what: '`require`' });
    expect(check("\nconst load = process.getBuiltinModule;\nexport {};\n")[0]).toMatchObject({ line: 2, what: '`getBuiltinModule`' });
  });

  test('allows what the exercises use, and names that merely look alike', () => {
    expect(check("import { EventEmitter } from 'node:events';\nconst chain = [1];\nconst binding = 2;\n// require('fs') in a comment\nexport { chain, binding, EventEmitter };\n")).toEqual([]);
  });
});

describe('the permission model', () => {
  test('is --permission from Node 22.13 and 23.5, --experimental-permission before', () => {
    expect(permissionFlag('20.19.0')).toBe('--experimental-permission');
    expect(permissionFlag('22.12.0')).toBe('--experimental-permission');
    expect(permissionFlag('22.13.0')).toBe('--permission');
    expect(permissionFlag('23.4.0')).toBe('--experimental-permission');
    expect(permissionFlag('23.5.0')).toBe('--permission');
    expect(permissionFlag('24.0.0')).toBe('--permission');
  });

  test('lets the workers read node_modules, the target and their scratch folder, and write only their own folders', () => {
    const dirs = makeRunDirs();
    try {
      const args = workerExecArgv({ bwrap: false, permissions: true, imports: true, notes: [] }, target, dirs);
      const reads = args.filter((arg) => arg.startsWith('--allow-fs-read=')).map((arg) => arg.slice('--allow-fs-read='.length));
      const writes = args.filter((arg) => arg.startsWith('--allow-fs-write=')).map((arg) => arg.slice('--allow-fs-write='.length));
      expect(reads.map((dir) => dir.replace(/[\\/]\*$/, '').split(/[\\/]/).at(-1))).toEqual(['node_modules', 'submission', 'scratch']);
      expect(writes).toEqual([`${dirs.scratch}/*`, `${dirs.progress}/*`]);
      expect(args).not.toContain('--allow-child-process');
      expect(args).not.toContain('--allow-worker');
      expect(args).toContain('--disallow-code-generation-from-strings');
    } finally {
      removeRunDirs(dirs);
    }
  });
});

test('a seal depends on the key and the test', () => {
  expect(sealOf('a', 'test_1')).toBe(sealOf('a', 'test_1'));
  expect(sealOf('a', 'test_1')).not.toBe(sealOf('b', 'test_1'));
  expect(sealOf('a', 'test_1')).not.toBe(sealOf('a', 'test_2'));
});
