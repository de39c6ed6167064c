// What a hidden spec needs besides vitest itself. A spec starts like this:
//
//   import { describe, expect, test } from 'vitest';
//   import { loadExercise, points, useVirtualTime } from '../../spec-kit/index.ts';
//
//   const ex = loadExercise<typeof import('@target/01-event-loop/sleep.ts')>('01-event-loop/sleep', ['sleep']);
//   const clock = useVirtualTime();
//
//   test('resolves after exactly ms of virtual time', points(2), async () => { … });
export { ExerciseLoadError, LOAD_ERROR_NAME, loadExercise, targetRoot } from './load-exercise.ts';
export { deferred, failLater, later, realTick, sleep, useVirtualTime, type VirtualClock } from './virtual-time.ts';
export { captureUncaughtExceptions, captureUnhandledRejections } from './unhandled.ts';
export { type Outcome, type Tracked, track } from './track.ts';
export { describeOutcome, expectList, inOrder, show } from './describe.ts';
export { noisyThenable, throwingThenable } from './thenables.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What the test is worth in the grade; 1 when not given. */
    points?: number;
  }
}

/** Test options that make a test worth `n` points: `test('name', points(2), fn)`. */
export function points(n: number): { meta: { points: number } } {
  return { meta: { points: n } };
}
