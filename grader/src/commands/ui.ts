// `npm run ui`: the vitest UI over the visible tests (the learner's vitest.config.ts never includes
// a hidden spec). It serves until stopped, with or without a terminal, and never tries to open a
// browser itself, which fails where there is none: it prints the address to open instead.
// Stopping it (Ctrl-C, or a signal to npm) stops vitest too.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../catalogue.ts';

/** The port of the UI; the devcontainer forwards it. COURSE_UI_PORT moves it (the course's own test does). */
export const UI_PORT = Number(process.env.COURSE_UI_PORT) || 51204;
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Resolves with vitest's exit code once it has stopped. */
export function ui(): Promise<number> {
  const child = spawn(process.execPath, [vitestBin, '--ui', '--watch', '--open=false', '--api.port', String(UI_PORT), '--api.strictPort'], {
    cwd: repoRoot,
    // vitest must not wait for keys on a terminal it does not own; the UI is the interface.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(`The vitest UI runs the visible tests at http://localhost:${UI_PORT}/__vitest__/ and re-runs them on every save. Open that address in your browser; Ctrl-C stops it.`);
  const stop = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}
