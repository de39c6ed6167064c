// The learner's progress between runs: the exercises done, the hints revealed and the exercise
// being worked on. One small JSON file at the top of the course (git-ignored), written atomically,
// so a learner who stops and comes back resumes where they were. COURSE_STATE_FILE moves it (the
// course's own tests do, to leave a maintainer's progress alone).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exercises, repoRoot } from './catalogue.ts';

export interface Progress {
  /** Exercise ids graded at full marks, in course order. */
  done: string[];
  /** How many hints of each exercise the learner has revealed. */
  hintsShown: Record<string, number>;
  /** The exercise watch mode is on. */
  current?: string;
}

export function stateFile(): string {
  return process.env.COURSE_STATE_FILE ?? path.join(repoRoot, '.course-state.json');
}

export function loadProgress(): Progress {
  const file = stateFile();
  const fresh: Progress = { done: [], hintsShown: {} };
  if (!existsSync(file)) return fresh;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Progress>;
    const known = new Set(exercises.map((exercise) => exercise.id));
    return {
      done: (data.done ?? []).filter((id) => known.has(id)),
      hintsShown: Object.fromEntries(Object.entries(data.hintsShown ?? {}).filter(([id, n]) => known.has(id) && Number.isInteger(n) && n > 0)),
      current: data.current && known.has(data.current) ? data.current : undefined,
    };
  } catch {
    // A damaged state file only costs the learner their bookmarks, never a crash.
    return fresh;
  }
}

export function saveProgress(progress: Progress): void {
  const file = stateFile();
  writeFileSync(`${file}.tmp`, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Records a grade's verdicts: done exercises join the list, ones that regressed leave it. */
export function recordVerdicts(progress: Progress, verdicts: readonly { id: string; done: boolean }[]): Progress {
  const done = new Set(progress.done);
  for (const { id, done: isDone } of verdicts) {
    if (isDone) done.add(id);
    else done.delete(id);
  }
  return { ...progress, done: exercises.map((exercise) => exercise.id).filter((id) => done.has(id)) };
}
