// Visible tests for event-order: a few examples to run with `npm run check -- event-order` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { predictionA, predictionB, predictionC, predictionD, programA, programB, programC, programD, type Log } from './event-order.ts';

// Fake timers: time moves only when the test says so, so program D's 50 ms take no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs a program to its end (firing every timer) and returns the lines it logged. */
async function run(program: (log: Log) => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const done = program((line) => {
    lines.push(line);
  });
  await vi.runAllTimersAsync();
  await done;
  return lines;
}

test('a worked example: synchronous code, then microtasks, then timers', async () => {
  const lines = await run(async (log) => {
    setTimeout(() => log('timer'), 0);
    Promise.resolve().then(() => log('promise callback'));
    log('synchronous');
  });
  // The synchronous code runs to its end first, then the microtask queue is emptied,
  // and only then does the event loop fire the timer, although its delay is 0.
  expect(lines).toEqual(['synchronous', 'promise callback', 'timer']);
});

test('predictionA is what program A logs', async () => {
  // Program A is the warm-up, so it is checked here. For B, C and D only the grader says
  // whether you are right (or run them yourself, once you have written your prediction).
  expect(predictionA).toEqual(await run(programA));
});

test('each prediction has as many lines as its program logs', async () => {
  expect(predictionA).toHaveLength((await run(programA)).length);
  expect(predictionB).toHaveLength((await run(programB)).length);
  expect(predictionC).toHaveLength((await run(programC)).length);
  expect(predictionD).toHaveLength((await run(programD)).length);
});
