// Hostile: plants files beside the grader, in the home folder and in /tmp, and overwrites the
// JSON report the grader is about to write, at import.
const fs = (await import(['node', 'fs'].join(':'))) as typeof import('node:fs');
const home = process.env.COURSE_HOSTILE_HOME ?? '/root';
const places = [
  `${process.cwd()}/grader/planted.txt`,
  `${home}/course-hostile-planted.txt`,
  '/tmp/course-hostile-planted.txt',
  `${process.env.COURSE_TARGET}.report.json`,
];
for (const place of places) {
  try {
    fs.writeFileSync(place, '{"total":{"points":999,"maxPoints":999},"exercises":[]}');
  } catch {
    // Denied.
  }
}

export function gather(): Promise<unknown[]> {
  throw new Error('not implemented yet');
}
