import { cpSync, mkdtempSync, readFileSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exercises, repoRoot } from '/work/main/grader/src/catalogue.ts';
import { WatchSession } from '/work/main/grader/src/commands/watch.ts';
const target = path.join(repoRoot, 'solutions');
function median(values: number[]): number { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; }
const which = process.argv[2] ?? 'sleep';
// 3. Save to verdict in watch mode.
const watchDir = mkdtempSync(path.join(os.tmpdir(), 'course-bench-'));
cpSync(target, path.join(watchDir, 'exercises'), { recursive: true });
process.env.COURSE_STATE_FILE = path.join(watchDir, 'state.json');
const exercise = exercises.find((e) => e.name === which)!;
const session = new WatchSession({ start: exercise, target: path.join(watchDir, 'exercises'), manual: false, timeoutSeconds: 20 });
await session.grade(); // starts the warm server
const file = session.file;
const source = readFileSync(file, 'utf8');
const saveTimes: number[] = [];
for (let i = 0; i < 10; i++) {
  const verdict = new Promise<void>((resolve) => {
    const watcher = watch(path.dirname(file), (_, changed) => {
      if (changed !== path.basename(file)) return;
      watcher.close();
      void session.grade().then(resolve);
    });
  });
  const saved = performance.now();
  writeFileSync(file, `${source}\n// save ${i}\n`);
  await verdict;
  saveTimes.push(performance.now() - saved);
  if (session.report?.status !== 'done') console.warn(`save ${i + 1}: ${session.report?.status}`);
}
session.close();
console.log(which, median(saveTimes).toFixed(0), saveTimes.map((t) => t.toFixed(0)).join(' '));
