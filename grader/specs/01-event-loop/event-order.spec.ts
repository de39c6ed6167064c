// Hidden spec of event-order: the learner predicts what four given programs log.
//
// Clauses of the stub's comments, each with the tests that fail when only that clause is broken:
//
//  1. predictionA holds the lines programA logs, in order: one element per `log` call, spelled
//     exactly as in the program.
//       - predictionA is the order in which programA logs (synchronous code, microtasks, a timer)
//       - every prediction lists each line its program logs, as many times as it is logged (order aside)
//  2. predictionB holds the lines programB logs, in order, with the template strings filled in.
//       - predictionB is the order in which programB logs (async functions that await)
//       - every prediction lists each line its program logs, as many times as it is logged (order aside)
//  3. predictionC holds the lines programC logs, in order.
//       - predictionC is the order in which programC logs (timers that queue more work)
//       - every prediction lists each line its program logs, as many times as it is logged (order aside)
//  4. predictionD holds the lines programD logs, in order, with the template strings filled in.
//       - predictionD is the order in which programD logs (everything together)
//       - every prediction lists each line its program logs, as many times as it is logged (order aside)
//
// The programs are the grader's own copies (below), run in virtual time: editing the programs in the
// exercise file changes nothing. Each wrong solution in grader/wrong/01-event-loop/event-order/ is a
// plausible misconception (async functions start lazily, await does not yield, timers before
// microtasks, …) applied consistently to all four predictions.
import { describe, expect, test } from 'vitest';
import { loadExercise, points, useVirtualTime } from '../../spec-kit/index.ts';

const ex = loadExercise<typeof import('@target/01-event-loop/event-order.ts')>('01-event-loop/event-order', [
  'predictionA',
  'predictionB',
  'predictionC',
  'predictionD',
]);
const clock = useVirtualTime();

type Log = (line: string) => void;
type Program = (log: Log) => Promise<void>;

// The grader's own copies of the four programs. The learner may edit (or break) the ones in the
// exercise file; what they are graded on is their prediction of these, which are the same as the
// programs of the original stub.

function programA(log: Log): Promise<void> {
  return new Promise((done) => {
    log('script start');
    setTimeout(() => {
      log('setTimeout');
      done();
    }, 0);
    Promise.resolve().then(() => log('promise.then'));
    queueMicrotask(() => log('queueMicrotask'));
    log('script end');
  });
}

async function programB(log: Log): Promise<void> {
  async function worker(name: string): Promise<void> {
    log(`${name}: start`);
    await Promise.resolve();
    log(`${name}: after 1st await`);
    await Promise.resolve();
    log(`${name}: after 2nd await`);
  }

  log('main: start');
  const a = worker('a');
  Promise.resolve().then(() => log('main: then'));
  const b = worker('b');
  log('main: end');
  await Promise.all([a, b]);
}

function programC(log: Log): Promise<void> {
  return new Promise((done) => {
    log('start');
    setTimeout(() => {
      log('timeout 100');
      done();
    }, 100);
    setTimeout(() => {
      log('timeout 0: first');
      Promise.resolve().then(() => log('then inside the first timeout'));
      setTimeout(() => log('timeout 0 inside the first timeout'), 0);
    }, 0);
    setTimeout(() => log('timeout 0: second'), 0);
    queueMicrotask(() => log('microtask'));
    log('end');
  });
}

async function programD(log: Log): Promise<void> {
  const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  async function job(name: string, ms: number): Promise<void> {
    log(`${name}: start`);
    await wait(ms);
    log(`${name}: woke up`);
    queueMicrotask(() => log(`${name}: microtask`));
    await Promise.resolve();
    log(`${name}: end`);
  }

  log('main: start');
  setTimeout(() => log('timeout 20'), 20);
  const slow = job('slow', 50);
  const fast = job('fast', 10);
  Promise.resolve()
    .then(() => {
      log('then 1');
      queueMicrotask(() => log('microtask from then 1'));
    })
    .then(() => log('then 2'));
  log('main: end');
  await Promise.all([slow, fast]);
}

// What the programs log on Node (checked against real timers as well as the virtual clock).
const EXPECTED = {
  A: ['script start', 'script end', 'promise.then', 'queueMicrotask', 'setTimeout'],
  B: [
    'main: start',
    'a: start',
    'b: start',
    'main: end',
    'a: after 1st await',
    'main: then',
    'b: after 1st await',
    'a: after 2nd await',
    'b: after 2nd await',
  ],
  C: [
    'start',
    'end',
    'microtask',
    'timeout 0: first',
    'then inside the first timeout',
    'timeout 0: second',
    'timeout 0 inside the first timeout',
    'timeout 100',
  ],
  D: [
    'main: start',
    'slow: start',
    'fast: start',
    'main: end',
    'then 1',
    'microtask from then 1',
    'then 2',
    'fast: woke up',
    'fast: microtask',
    'fast: end',
    'timeout 20',
    'slow: woke up',
    'slow: microtask',
    'slow: end',
  ],
} as const;

type Name = keyof typeof EXPECTED;
const programs: Record<Name, Program> = { A: programA, B: programB, C: programC, D: programD };

/** Runs the grader's copy of a program to its end in virtual time and returns what it logged. */
async function run(name: Name): Promise<string[]> {
  const lines: string[] = [];
  const done = programs[name]((line) => {
    lines.push(line);
  });
  await clock.runAll();
  await done;
  expect(lines, `the grader's own run of program ${name} differs from its expected output: a bug in the course, please report it`).toEqual(
    EXPECTED[name],
  );
  return lines;
}

/**
 * Where a prediction first goes wrong, in words, without giving the answer away: the position of the
 * first wrong line and what was predicted there.
 */
function whereItGoesWrong(name: Name, predicted: unknown, actual: readonly string[]): string {
  if (!Array.isArray(predicted)) return `prediction${name} should be an array of strings, one per line logged`;
  for (let i = 0; i < Math.max(predicted.length, actual.length); i++) {
    const right = i === 0 ? 'no line is right yet' : i === 1 ? 'line 1 is right' : i === 2 ? 'lines 1 and 2 are right' : `lines 1 to ${i} are right`;
    if (i >= predicted.length) return `prediction${name} stops after ${predicted.length} lines, but program${name} logs ${actual.length} (${right})`;
    if (i >= actual.length) return `prediction${name} has ${predicted.length} lines, but program${name} logs only ${actual.length} (${right})`;
    if (predicted[i] !== actual[i]) {
      return `prediction${name} first goes wrong at line ${i + 1}: you predicted ${JSON.stringify(predicted[i])} there (${right})`;
    }
  }
  return `prediction${name} matches`;
}

/**
 * Whether the prediction equals the lines logged, compared exactly as `toEqual` compares them. The
 * failure message is `whereItGoesWrong` alone: showing both lists would print the answer.
 */
function matches(predicted: unknown, actual: readonly string[]): boolean {
  try {
    expect(predicted).toEqual(actual);
    return true;
  } catch {
    return false;
  }
}

/** The learner's prediction for a program, read from the graded module; an empty one is not started. */
function prediction(name: Name): unknown {
  const predicted: unknown = ex[`prediction${name}` as const];
  if (Array.isArray(predicted) && predicted.length === 0) {
    throw new Error(
      `prediction${name} is not implemented yet: open exercises/01-event-loop/event-order.ts and fill it in with the lines program${name} logs, in order.`,
    );
  }
  return predicted;
}

// What helps a learner whose prediction goes wrong: a hint per program and the lesson heading that
// teaches what the program turns on.
const ORDER_A = {
  hint: 'A 0 ms timer waits for the microtask queue: once the synchronous lines have run, Node empties the whole queue of microtasks (`.then` callbacks and `queueMicrotask`, in the order they were queued), and only then fires a timer.',
  section: 'macrotasks-and-microtasks',
} as const;
const ORDER_B = {
  hint: 'Calling an async function runs its body at once, up to its first `await`. What follows each `await` is a microtask queued behind the ones already waiting, so the two workers and the `.then` take turns, one step each.',
  section: 'which-await-gives-control-back',
} as const;
const ORDER_C = {
  hint: 'Timers fire one callback at a time, in order of due time; the microtasks a timer callback queues run before the next timer, and a timer set inside a callback goes behind the timers already due.',
  section: 'predict-the-output',
} as const;
const ORDER_D = {
  hint: 'Go step by step, as in the lesson’s walk-through: the synchronous lines, then microtasks until the queue is empty (a microtask queued by a microtask goes to the back of the queue), then each timer in order of due time, followed by the microtasks it queued.',
  section: 'predict-the-output',
} as const;
const EVERY_LINE = {
  hint: 'Put one string in the array per `log` call the program makes, spelled exactly as the program writes it, with template strings filled in (`a: start`, not `${name}: start`).',
  section: 'event-order-predict-the-order-of-a-programs-output',
} as const;

describe('predictions', () => {
  test('predictionA is the order in which programA logs (synchronous code, microtasks, a timer)', points(1, ORDER_A), async () => {
    const actual = await run('A');
    const predicted = prediction('A');
    expect(matches(predicted, actual), whereItGoesWrong('A', predicted, actual)).toBe(true);
  });

  test('predictionB is the order in which programB logs (async functions that await)', points(2, ORDER_B), async () => {
    const actual = await run('B');
    const predicted = prediction('B');
    expect(matches(predicted, actual), whereItGoesWrong('B', predicted, actual)).toBe(true);
  });

  test('predictionC is the order in which programC logs (timers that queue more work)', points(3, ORDER_C), async () => {
    const actual = await run('C');
    const predicted = prediction('C');
    expect(matches(predicted, actual), whereItGoesWrong('C', predicted, actual)).toBe(true);
  });

  test('predictionD is the order in which programD logs (everything together)', points(4, ORDER_D), async () => {
    const actual = await run('D');
    const predicted = prediction('D');
    expect(matches(predicted, actual), whereItGoesWrong('D', predicted, actual)).toBe(true);
  });
});

describe('completeness', () => {
  test('every prediction lists each line its program logs, as many times as it is logged (order aside)', points(1, EVERY_LINE), async () => {
    for (const name of Object.keys(programs) as Name[]) {
      const actual = await run(name);
      const predicted = prediction(name);
      expect(Array.isArray(predicted), `prediction${name} should be an array of strings`).toBe(true);
      const missing = [...new Set(actual.filter((line) => !(predicted as unknown[]).includes(line)))].sort();
      expect(missing, `prediction${name} leaves out lines that program${name} logs`).toEqual([]);
      expect([...(predicted as string[])].sort(), `prediction${name} does not have the same lines as program${name} logs`).toEqual(
        [...actual].sort(),
      );
    }
  });
});
