// The grader's command line. This file only parses arguments, dispatches to a command, and turns
// errors into messages and exit codes: 0 when the command worked (whatever the score), 2 for a
// usage error the user can fix, 1 for a fault of the grader itself.
import { parseArgs } from 'node:util';
import { check } from './commands/check.ts';
import { grade } from './commands/grade.ts';
import { hint } from './commands/hint.ts';
import { list } from './commands/list.ts';
import { UsageError } from './errors.ts';

const USAGE = `Usage:
  npm run grade [-- <exercise|lesson>… [--target <dir>] [--json <file>] [--timeout <seconds>]]
  npm run check [-- <exercise|lesson>… [--watch]]
  npm run hint -- <exercise>
  npm run list

Examples:
  npm run grade                         grade everything in exercises/
  npm run grade -- sleep                grade one exercise
  npm run grade -- 01-event-loop        grade one lesson's exercises
  npm run grade -- --target solutions   grade another folder laid out like exercises/
  npm run grade -- --json report.json   also write the full report as JSON
  npm run check -- sleep --watch        re-run sleep's visible tests on every save`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      target: { type: 'string', default: 'exercises' },
      json: { type: 'string' },
      timeout: { type: 'string', default: '10' },
      watch: { type: 'boolean', short: 'w' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'grade': {
      const timeoutSeconds = Number(values.timeout);
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
        throw new UsageError(`--timeout expects a number of seconds greater than 0, got "${values.timeout}".`);
      }
      await grade({ filters: positionals, target: values.target, json: values.json, timeoutSeconds });
      return;
    }
    case 'check':
      process.exitCode = await check({ filters: positionals, watch: values.watch ?? false });
      return;
    case 'hint':
      hint(positionals[0]);
      return;
    case 'list':
      list();
      return;
    default:
      throw new UsageError(`Unknown command "${command ?? ''}".\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  console.error('The grader itself failed; this is a bug in the course. Please report it with the text below.\n');
  console.error(error);
  process.exitCode = 1;
});
