// Reference solution: predict the order of a program's output
//
// The programs are the same as in the exercise; the predictions are filled in, each with the
// reasoning behind it.

/** How a program writes a line of output. The grader passes a function that records the lines. */
export type Log = (line: string) => void;

// ---------------------------------------------------------------------------------------------
// Program A: synchronous code, promise callbacks and a timer.
//
// Each program returns a promise that resolves once it has logged its last line. `done()` only
// tells the caller that the program is over: it logs nothing and does not change the order.

// Stryker disable all: the programs are given; only the predictions are the learner’s work.
export function programA(log: Log): Promise<void> {
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
// Stryker restore all

/**
 * The lines programA logs, in order: one array element per `log` call, spelled exactly as in the
 * program (for example `'script start'`).
 */
export const predictionA: string[] = [
  // Synchronous code runs to the end first.
  'script start',
  'script end',
  // Then the microtask queue, in the order the callbacks were queued.
  'promise.then',
  'queueMicrotask',
  // Only when the microtask queue is empty does the event loop look at timers.
  'setTimeout',
];

// ---------------------------------------------------------------------------------------------
// Program B: two async functions that await, and a promise callback between them.

// Stryker disable all: the programs are given; only the predictions are the learner’s work.
export async function programB(log: Log): Promise<void> {
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
// Stryker restore all

/**
 * The lines programB logs, in order, spelled as they come out: the template strings filled in
 * (for example `'a: start'`, not `'${name}: start'`).
 */
export const predictionB: string[] = [
  // Calling an async function runs its body at once, up to its first await.
  'main: start',
  'a: start',
  'b: start',
  'main: end',
  // Microtask queue after the synchronous code: [a's 1st await, main's then, b's 1st await].
  'a: after 1st await', // queues a's 2nd await behind b's 1st
  'main: then',
  'b: after 1st await', // queues b's 2nd await behind a's 2nd
  'a: after 2nd await',
  'b: after 2nd await',
];

// ---------------------------------------------------------------------------------------------
// Program C: timers with different delays, and a timer callback that queues more work.

// Stryker disable all: the programs are given; only the predictions are the learner’s work.
export function programC(log: Log): Promise<void> {
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
// Stryker restore all

/** The lines programC logs, in order. */
export const predictionC: string[] = [
  'start',
  'end',
  'microtask',
  // Timers with the same delay fire in the order they were created.
  'timeout 0: first',
  // A microtask queued by a timer callback runs before the next timer callback.
  'then inside the first timeout',
  'timeout 0: second',
  // A timer created by a timer callback goes behind the timers already waiting.
  'timeout 0 inside the first timeout',
  // Timers fire in order of their due time: 100 ms is the last.
  'timeout 100',
];

// ---------------------------------------------------------------------------------------------
// Program D: everything together. `wait(ms)` is the usual promise around `setTimeout`.

// Stryker disable all: the programs are given; only the predictions are the learner’s work.
export async function programD(log: Log): Promise<void> {
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
// Stryker restore all

/** The lines programD logs, in order, with the template strings filled in (`'slow: start'`). */
export const predictionD: string[] = [
  // Synchronous part: both jobs start at once and stop at their first await (a pending timer).
  'main: start',
  'slow: start',
  'fast: start',
  'main: end',
  // Microtasks: then 1 queues a microtask before its own promise settles, which queues then 2.
  'then 1',
  'microtask from then 1',
  'then 2',
  // Timers in order of due time: 10 (fast), 20, 50 (slow); each one's microtasks run before the next timer.
  'fast: woke up',
  'fast: microtask', // queued before the continuation after `await Promise.resolve()`
  'fast: end',
  'timeout 20',
  'slow: woke up',
  'slow: microtask',
  'slow: end',
];
