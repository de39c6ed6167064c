// Wrong: believes `await` on a native promise takes three microtask ticks (the old V8 behaviour), so a plain `.then` callback queued later overtakes the workers' first resumption.
// Exercise: predict the order of a program's output
// Lesson: lessons/01-event-loop.md · Check: npm run check -- event-order · Grade: npm run grade -- event-order
//
// asyncio runs one thing at a time: the code that runs now, then the callbacks that are ready,
// then whatever a timer wakes up. Node's event loop is the same idea with one more queue: after
// every piece of synchronous code it empties the microtask queue (promise callbacks, the rest of
// an async function after an `await`, `queueMicrotask`) before it looks at the next timer.
//
// There is no function to write here. Below are four small programs, from easy to hard. Read
// each one and fill in the array under it with the lines it logs, in the order it logs them.
// The source in this file is what to reason about. You may run a program to check yourself
// (`await programA(console.log)` in a scratch file), but predict first: the point is to be able
// to tell the order without running anything.

/** How a program writes a line of output. The grader passes a function that records the lines. */
export type Log = (line: string) => void;

// ---------------------------------------------------------------------------------------------
// Program A: synchronous code, promise callbacks and a timer.
//
// Each program returns a promise that resolves once it has logged its last line. `done()` only
// tells the caller that the program is over: it logs nothing and does not change the order.

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

/**
 * The lines programA logs, in order: one array element per `log` call, spelled exactly as in the
 * program (for example `'script start'`).
 */
export const predictionA: string[] = ['script start', 'script end', 'promise.then', 'queueMicrotask', 'setTimeout'];

// ---------------------------------------------------------------------------------------------
// Program B: two async functions that await, and a promise callback between them.

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

/**
 * The lines programB logs, in order, spelled as they come out: the template strings filled in
 * (for example `'a: start'`, not `'${name}: start'`).
 */
export const predictionB: string[] = [
  'main: start',
  'a: start',
  'b: start',
  'main: end',
  'main: then',
  'a: after 1st await',
  'b: after 1st await',
  'a: after 2nd await',
  'b: after 2nd await',
];

// ---------------------------------------------------------------------------------------------
// Program C: timers with different delays, and a timer callback that queues more work.

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

/** The lines programC logs, in order. */
export const predictionC: string[] = [
  'start',
  'end',
  'microtask',
  'timeout 0: first',
  'then inside the first timeout',
  'timeout 0: second',
  'timeout 0 inside the first timeout',
  'timeout 100',
];

// ---------------------------------------------------------------------------------------------
// Program D: everything together. `wait(ms)` is the usual promise around `setTimeout`.

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

/** The lines programD logs, in order, with the template strings filled in (`'slow: start'`). */
export const predictionD: string[] = [
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
];
