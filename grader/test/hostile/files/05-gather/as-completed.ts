// Hostile: starts child processes: one that runs a shell command at once, and a detached one
// that outlives the grading and then writes beside the grader and over the JSON report; then a
// worker thread, and reaches for Node's internal bindings and module loader without an import.
const cp = (await import(['node', 'child', 'process'].join(':').replace(':child:', ':child_'))) as typeof import('node:child_process');
const late = [
  '/* course-hostile-detached */',
  'const fs = require("node:fs");',
  `setTimeout(() => { for (const f of [${JSON.stringify(`${process.cwd()}/grader/planted-late.txt`)}, ${JSON.stringify(`${process.env.COURSE_TARGET}.report.json`)}]) { try { fs.writeFileSync(f, "{}"); } catch {} } }, 1500);`,
  'setInterval(() => {}, 1000);',
].join('\n');
try {
  cp.execSync(`touch ${JSON.stringify(`${process.cwd()}/grader/planted-exec.txt`)}`);
} catch {
  // Denied.
}
try {
  cp.spawn(process.execPath, ['-e', late], { detached: true, stdio: 'ignore' }).unref();
} catch {
  // Denied.
}

const loose = process as unknown as Record<string, ((name: string) => unknown) | undefined>;
const attempts: string[] = [];
for (const name of ['binding', ['getBuiltin', 'Module'].join('')]) {
  try {
    loose[name]?.('fs');
    attempts.push(`${name}: allowed`);
  } catch (error) {
    attempts.push(`${name}: ${(error as Error).message}`);
  }
}
try {
  const threads = (await import(['node', 'worker_threads'].join(':'))) as typeof import('node:worker_threads');
  new threads.Worker('setInterval(() => {}, 1000)', { eval: true }).unref();
  attempts.push('Worker: allowed');
} catch (error) {
  attempts.push(`Worker: ${(error as Error).message}`);
}

export function asCompleted(): never {
  throw new Error(`not implemented yet (${attempts.join('; ')})`);
}
