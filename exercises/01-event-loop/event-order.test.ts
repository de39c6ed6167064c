// Visible tests for event-order: a few examples to run with `npm run check -- event-order` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
//
// These tests never print what a program logs: that is what you are predicting. When a prediction
// is wrong, they say where it first goes wrong, and what you wrote there, but not what is right.
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

/** Fails the test, before any comparison, if the prediction has not been written yet. */
function expectWritten(name: string, prediction: readonly string[]): void {
  if (prediction.length === 0) {
    expect.fail(`prediction${name} is still empty: write down the lines you expect program${name} to log, then run the tests again`);
  }
}

/** Where a prediction first goes wrong, in words that do not give the answer away. */
function firstDifference(name: string, predicted: readonly string[], logged: readonly string[]): string | undefined {
  for (let i = 0; i < Math.max(predicted.length, logged.length); i++) {
    if (i >= predicted.length) return `prediction${name} stops after ${predicted.length} lines, but program${name} logs more`;
    if (i >= logged.length) return `prediction${name} has ${predicted.length} lines, but program${name} logs only ${logged.length}`;
    if (predicted[i] !== logged[i]) return `your prediction${name} differs at line ${i + 1}: you wrote ${JSON.stringify(predicted[i])} there`;
  }
  return undefined;
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

test('predictionA is what programA logs, line for line', async () => {
  // Program A is the warm-up, so its order is checked here. For B, C and D only the grader says
  // whether the order is right (or run them yourself, once you have written your prediction).
  expectWritten('A', predictionA);
  const difference = firstDifference('A', predictionA, await run(programA));
  if (difference !== undefined) expect.fail(difference);
});

const others = [
  { name: 'B', prediction: predictionB, program: programB },
  { name: 'C', prediction: predictionC, program: programC },
  { name: 'D', prediction: predictionD, program: programD },
];
for (const { name, prediction, program } of others) {
  test(`prediction${name} has the lines program${name} logs, each as many times as it is logged (order aside)`, async () => {
    expectWritten(name, prediction);
    const logged = await run(program);
    const count = (lines: readonly string[], line: string): number => lines.filter((each) => each === line).length;
    const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);
    prediction.forEach((line, i) => {
      if (!logged.includes(line)) {
        expect.fail(`line ${i + 1} of prediction${name}, ${JSON.stringify(line)}, is not a line program${name} logs: check it against the program's log calls`);
      }
      if (count(prediction, line) > count(logged, line)) {
        expect.fail(`prediction${name} has ${JSON.stringify(line)} ${times(count(prediction, line))}, but program${name} logs it ${times(count(logged, line))}`);
      }
    });
    if (prediction.length !== logged.length) {
      expect.fail(`prediction${name} has ${prediction.length} lines, but program${name} logs ${logged.length}: a line is missing`);
    }
  });
}
