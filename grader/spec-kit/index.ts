// What a hidden spec needs besides vitest itself. A spec starts like this:
//
//   import { describe, expect, test } from 'vitest';
//   import { loadExercise, points, useVirtualTime } from '../../spec-kit/index.ts';
//
//   const ex = loadExercise<typeof import('@target/01-event-loop/sleep.ts')>('01-event-loop/sleep', ['sleep']);
//   const clock = useVirtualTime();
//
//   test('resolves after exactly ms of virtual time', points(2), async () => { … });
//
// A test may also say what helps a learner whose code fails it: a hint of its own and the heading
// of the exercise's lesson that teaches the point (its GitHub anchor). The grader shows both for
// the first failing test:
//
//   test('clears its timer when aborted', points(2, { hint: 'Keep the handle …', section: 'clearing-a-timer' }), …);
export { ExerciseLoadError, LOAD_ERROR_NAME, loadExercise, targetRoot } from './load-exercise.ts';
export { deferred, failLater, later, realTick, sleep, useVirtualTime, type VirtualClock } from './virtual-time.ts';
export { captureUncaughtExceptions, captureUnhandledRejections } from './unhandled.ts';
export { type Outcome, type Tracked, track } from './track.ts';
export { describeOutcome, expectList, expectPending, expectThrows, inOrder, show, thrownBy } from './describe.ts';
export { noisyThenable, throwingThenable } from './thenables.ts';
export { drawTimelines, type Piece, type Schedule, type Timeline, timeline } from './timeline.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What the test is worth in the grade; 1 when not given. */
    points?: number;
    /** What to try when this test fails, in a sentence or two. */
    hint?: string;
    /** The anchor of the heading in the exercise's lesson that teaches what this test checks. */
    section?: string;
  }
}

/** What helps a learner who fails a test: a hint, and the lesson heading to read again. */
export interface Guidance {
  readonly hint?: string;
  /** A heading's GitHub anchor in the exercise's lesson: `leave-nothing-behind-timers-and-listeners`. */
  readonly section?: string;
}

/** Test options that make a test worth `n` points: `test('name', points(2), fn)`, with optional guidance. */
export function points(n: number, guidance: Guidance = {}): { meta: { points: number } & Guidance } {
  return { meta: { points: n, ...guidance } };
}
