// Hostile: starts child processes: one that runs a shell command at once, and a detached one
// that outlives the grading and then writes beside the grader and over the JSON report.
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

export function promisify(): () => Promise<unknown> {
  return () => Promise.reject(new Error('not implemented yet'));
}
