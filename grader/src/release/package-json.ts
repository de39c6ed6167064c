// The package.json files of the student edition and of the grader bundle, made from the course's own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../catalogue.ts';

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  type?: string;
  engines?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
  overrides?: Record<string, string>;
}

export function coursePackage(): PackageJson {
  return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
}

function pick(from: Record<string, string> | undefined, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => from?.[name]).map((name) => [name, from![name]!]));
}

const NODE_CHECK = 'node grader/bin/check-node.cjs';

/** What the student installs: vitest and its UI, tsx, TypeScript and Node's types. */
export function editionPackage(): PackageJson {
  const course = coursePackage();
  return {
    name: `${course.name}-student`,
    version: course.version,
    private: true,
    description: course.description,
    license: course.license,
    type: 'module',
    engines: course.engines,
    scripts: {
      preinstall: NODE_CHECK,
      test: `${NODE_CHECK} && vitest run`,
      check: `${NODE_CHECK} && tsx grader/src/cli.ts check`,
      watch: `${NODE_CHECK} && tsx grader/src/cli.ts check --watch`,
      ui: `${NODE_CHECK} && tsx grader/src/cli.ts ui`,
      hint: `${NODE_CHECK} && tsx grader/src/cli.ts hint`,
      list: `${NODE_CHECK} && tsx grader/src/cli.ts list`,
      typecheck: 'tsc -p .',
      grade:
        'node -e "console.log(\'Your work is graded when you submit it (push it to your repository, or upload it as your teacher says), against tests you do not see here. Until then, npm test and npm run check run the visible tests.\')"',
    },
    devDependencies: pick(course.devDependencies, ['@types/node', '@vitest/ui', 'tsx', 'typescript', 'vitest']),
    ...(course.allowScripts ? { allowScripts: course.allowScripts } : {}),
  };
}

/** What grading needs: vitest and tsx. */
export function graderPackage(): PackageJson {
  const course = coursePackage();
  return {
    name: `${course.name}-grader`,
    version: course.version,
    private: true,
    description: 'The grader of the course with its hidden specs: keep it where students cannot read it.',
    license: course.license,
    type: 'module',
    engines: course.engines,
    scripts: { grade: `${NODE_CHECK} && tsx grader/src/cli.ts grade` },
    devDependencies: pick(course.devDependencies, ['tsx', 'vitest']),
    ...(course.allowScripts ? { allowScripts: course.allowScripts } : {}),
  };
}
