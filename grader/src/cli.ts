// The grader's command line. This file only parses arguments, dispatches to a command, and turns
// errors into messages and exit codes: 0 when the command worked (whatever the score), 2 for a
// usage error the user can fix, 1 for a fault of the grader itself. Each command declares the
// options it takes; an option it does not take is refused, never silently ignored.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { check } from './commands/check.ts';
import { grade, resolveTarget } from './commands/grade.ts';
import { hint } from './commands/hint.ts';
import { list } from './commands/list.ts';
import { selectExercisesOrExplain } from './commands/select.ts';
import { solution } from './commands/solution.ts';
import { ui } from './commands/ui.ts';
import { watch } from './commands/watch.ts';
import { UsageError } from './errors.ts';
import { writeFormats } from './formats/write.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  usage: string;
  examples: string[];
  options: Options;
}

const commands: Record<string, Command> = {
  grade: {
    usage:
      'npm run grade [-- <exercise|lesson>… [--target <dir>] [--json <file>] [--junit <file>] [--classroom <file>] [--timeout <seconds>]]\n' +
      '  npm run grade -- --batch <folder> --out <dir> [--shard <i/n>] [--jobs <n>]   ·   npm run grade -- --merge <dir>… --out <dir>',
    examples: [
      'npm run grade                         grade everything in exercises/',
      'npm run grade -- sleep                grade one exercise',
      'npm run grade -- 01-event-loop        grade one lesson’s exercises',
      'npm run grade -- --target solutions   grade another folder laid out like exercises/',
      'npm run grade -- --json report.json   also write the full report as JSON',
      'npm run grade -- --junit report.xml   also write JUnit XML (--classroom result.json: GitHub Classroom’s runner result)',
      'npm run grade -- --batch submissions --out grades   grade a folder of submissions into a gradebook',
    ],
    options: {
      target: { type: 'string', default: 'exercises' },
      json: { type: 'string' },
      junit: { type: 'string' },
      classroom: { type: 'string' },
      timeout: { type: 'string', default: '20' },
      batch: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      merge: { type: 'boolean' },
    },
  },
  watch: {
    usage: 'npm run watch [-- <exercise>] [--manual]',
    examples: ['npm run watch                         grade the current exercise on every save', 'npm run watch -- --manual             grade on Enter instead'],
    options: { manual: { type: 'boolean' }, target: { type: 'string', default: 'exercises' }, timeout: { type: 'string', default: '20' } },
  },
  check: {
    usage: 'npm run check [-- <exercise|lesson>… [--watch]]',
    examples: ['npm run check -- sleep --watch        re-run sleep’s visible tests on every save'],
    options: { watch: { type: 'boolean', short: 'w' } },
  },
  hint: {
    usage: 'npm run hint [-- <exercise>] [--all]',
    examples: ['npm run hint                          the next hint of the exercise you are on', 'npm run hint -- sleep --all           every hint of sleep'],
    options: { all: { type: 'boolean' } },
  },
  solution: {
    usage: 'npm run solution -- <exercise> [--force]',
    examples: ['npm run solution -- sleep              the reference solution of sleep, once you have done it'],
    options: { force: { type: 'boolean' } },
  },
  release: {
    usage: 'npm run release -- --out <dir> · --gradescope <zip> [--visibility <when>] · --grader <dir>',
    examples: [
      'npm run release -- --out ../course-student    write the student edition (no solutions, no hidden specs)',
      'npm run release -- --gradescope autograder.zip   build the Gradescope autograder bundle',
      'npm run release -- --grader ../course-grader   write the grader with the hidden specs, for a private repository',
    ],
    options: { out: { type: 'string' }, gradescope: { type: 'string' }, grader: { type: 'string' }, visibility: { type: 'string' } },
  },
  ui: { usage: 'npm run ui', examples: ['npm run ui                            the vitest UI over the visible tests, at http://localhost:51204/__vitest__/'], options: {} },
  list: { usage: 'npm run list', examples: [], options: {} },
};

function usage(): string {
  return `Usage:\n${Object.values(commands)
    .map((command) => `  ${command.usage}`)
    .join('\n')}\n\nExamples:\n${Object.values(commands)
    .flatMap((command) => command.examples.map((example) => `  ${example}`))
    .join('\n')}`;
}

/** parseArgs, with its errors turned into a sentence about this command and an example. */
function parse(name: string, command: Command, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...command.options, help: { type: 'boolean', short: 'h' } } });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const valueNames: Record<string, string> = {
      json: 'file',
      junit: 'file',
      classroom: 'file',
      target: 'dir',
      timeout: 'seconds',
      batch: 'folder',
      out: 'dir',
      shard: 'i/n',
      jobs: 'n',
      gradescope: 'zip',
      grader: 'dir',
      visibility: 'when',
    };
    const optionNames = Object.entries(command.options).map(([option, spec]) => `--${option}${spec.type === 'string' ? ` <${valueNames[option] ?? 'value'}>` : ''}`);
    const takes = optionNames.length > 0 ? `It takes ${optionNames.join(', ')}.` : 'It takes no options.';
    const withOption = command.examples.find((line) => / --[a-z]/.test(line)) ?? command.examples[0];
    const example = withOption ? `\nFor example: ${withOption.split(/\s{2,}/)[0]}` : '';
    const option = /'(-[^']*)'/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const close = Object.keys(command.options).find((known) => known.slice(0, 2) === option.replace(/^-+/, '').slice(0, 2));
      throw new UsageError(`\`npm run ${name}\` has no option ${option}.${close ? ` Did you mean --${close}?` : ''} ${takes}${example}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(`${option.split(' ')[0] || 'An option'} of \`npm run ${name}\` needs a value. ${takes}${example}`);
    }
    throw new UsageError(`${(error as Error).message}\n${takes}${example}`);
  }
}

function seconds(value: unknown): number {
  const timeoutSeconds = Number(value);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(`--timeout expects a number of seconds greater than 0, got "${String(value)}". For example: --timeout 20`);
  }
  return timeoutSeconds;
}

async function main(argv: string[]): Promise<void> {
  const [name = '', ...rest] = argv;
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command "${name}".\n${usage()}`);
  const { values, positionals } = parse(name, command, rest);
  if (values.help) {
    console.log(usage());
    return;
  }
  switch (name) {
    case 'grade': {
      const string = (key: string) => values[key] as string | undefined;
      if (string('batch') !== undefined || values.merge) {
        const { batchCommand } = await import('./batch/command.ts');
        await batchCommand({ batch: string('batch'), merge: Boolean(values.merge), out: string('out'), shard: string('shard'), jobs: string('jobs'), filters: positionals, timeoutSeconds: seconds(values.timeout) });
        return;
      }
      const batchOnly = ['out', 'shard', 'jobs'].find((key) => values[key] !== undefined);
      if (batchOnly) throw new UsageError(`--${batchOnly} goes with --batch <folder>. For example: npm run grade -- --batch submissions --out grades`);
      const report = await grade({ filters: positionals, target: values.target as string, json: string('json'), timeoutSeconds: seconds(values.timeout) });
      writeFormats(report, { junit: string('junit'), classroom: string('classroom') });
      return;
    }
    case 'release': {
      const { release } = await import('./commands/release.ts');
      await release({ out: values.out as string | undefined, gradescope: values.gradescope as string | undefined, grader: values.grader as string | undefined, visibility: values.visibility as string | undefined });
      return;
    }
    case 'watch': {
      if (positionals.length > 1) throw new UsageError('Name at most one exercise to start with, for example `npm run watch -- sleep`.');
      const [start, ...others] = positionals.length > 0 ? selectExercisesOrExplain(positionals) : [];
      if (others.length > 0) throw new UsageError(`"${positionals[0]}" matches several exercises; name one, for example \`npm run watch -- ${start!.name}\`.`);
      await watch({ start, target: resolveTarget(values.target as string), manual: Boolean(values.manual), timeoutSeconds: seconds(values.timeout) });
      return;
    }
    case 'check':
      process.exitCode = await check({ filters: positionals, watch: Boolean(values.watch) });
      return;
    case 'hint':
      hint(positionals[0], Boolean(values.all));
      return;
    case 'solution':
      solution(positionals[0], Boolean(values.force));
      return;
    case 'ui':
      process.exitCode = await ui();
      return;
    case 'list':
      list();
      return;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  console.error('The grader itself failed; this is a bug in the course. Please report it with the text below.\n');
  console.error(error);
  process.exitCode = 1;
});
