// A setup file of the grader's vitest runs; it runs inside each worker, before every test.
//
// 1. It tells the grader which test is running, by writing it to a file of its own in the run's
//    progress folder (COURSE_PROGRESS_DIR), synchronously: a test that loops forever blocks the
//    worker, and with it anything vitest would have reported later, but the file is already
//    written. The grader's watchdog reads it to name the test that hung.
// 2. When the grader runs a spec file again after stopping a hung test, the folder's skip.json
//    lists the tests that already have a verdict (the hung one among them); they are skipped, so
//    each test runs to a verdict once.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach } from 'vitest';

const progressDir = process.env.COURSE_PROGRESS_DIR;
const skipped = new Set<string>(progressDir ? readSkipList(path.join(progressDir, 'skip.json')) : []);

function readSkipList(file: string): string[] {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

beforeEach((context) => {
  if (skipped.has(context.task.id)) context.skip();
  if (progressDir) {
    const running = { file: context.task.file.filepath, id: context.task.id };
    writeFileSync(path.join(progressDir, `worker-${process.pid}.json`), JSON.stringify(running));
  }
});
