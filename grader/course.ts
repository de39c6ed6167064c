// The course catalogue: every lesson and exercise, in course order, with titles and hints.
// This is the one list. The grader, the hint command, the README's exercise table and the
// maintainer checks all read it; adding an exercise starts here.
//
// Paths follow from the names:
//   lessons/<lesson>.md                      the chapter
//   exercises/<lesson>/<exercise>.ts         the stub the learner edits
//   exercises/<lesson>/<exercise>.test.ts    its visible tests
//   solutions/<lesson>/<exercise>.ts         the reference solution
//   grader/specs/<lesson>/<exercise>.spec.ts the hidden spec
//   grader/wrong/<lesson>/<exercise>/*.ts    plausible wrong solutions the spec must fail

export interface ExerciseInfo {
  /** File name without extension, unique across the course: `sleep` → exercises/01-event-loop/sleep.ts */
  readonly name: string;
  /** What the learner builds, in a few words. */
  readonly title: string;
  /** Hints from gentlest to most explicit; the grader shows the first, `npm run hint` shows all. */
  readonly hints: readonly string[];
}

export interface LessonInfo {
  /** Folder and file name: `01-event-loop` → lessons/01-event-loop.md and exercises/01-event-loop/ */
  readonly lesson: string;
  readonly title: string;
  readonly exercises: readonly ExerciseInfo[];
}

export const course: readonly LessonInfo[] = [
  {
    lesson: '00-how-this-course-works',
    title: 'How this course works',
    exercises: [],
  },
  {
    lesson: '01-event-loop',
    title: 'The event loop',
    exercises: [
      {
        name: 'event-order',
        title: 'Predict the order of a program’s output',
        hints: [
          'Run the synchronous code first, top to bottom; then every microtask (promise callbacks, queueMicrotask); only then the next timer.',
          'An `await` splits an async function in two: the part after it runs as a microtask once the awaited value is ready, never before the caller’s synchronous code finishes.',
          'Timers fire in order of their due time, and a microtask queued by a timer callback runs before the next timer.',
        ],
      },
      {
        name: 'sleep',
        title: '`sleep(ms, { signal })`',
        hints: [
          'Wrap `setTimeout` in `new Promise((resolve, reject) => …)` and resolve when it fires.',
          'Check `signal.aborted` first: an already-aborted signal rejects with `signal.reason` at once, without starting a timer.',
          'On abort, clear the timer and reject with `signal.reason`; when the timer fires, remove the abort listener (`{ once: true }` alone is not enough, since it only removes a listener that has run).',
        ],
      },
      {
        name: 'yielding-loop',
        title: 'A CPU-heavy loop that lets timers fire',
        hints: [
          '`await Promise.resolve()` is not asyncio’s `await asyncio.sleep(0)`: it only lets other microtasks run. Timers and I/O need a macrotask boundary.',
          '`new Promise((resolve) => setImmediate(resolve))` resolves after the event loop has had a turn.',
          'Process `chunkSize` items synchronously, then `await yieldToEventLoop()`, and repeat until every item is done.',
        ],
      },
    ],
  },
  {
    lesson: '02-coroutines',
    title: 'Coroutines: async functions and await',
    exercises: [
      {
        name: 'promisify',
        title: 'Promisify a callback API',
        hints: [
          'Return a function that returns `new Promise(...)`, and call the original function inside the executor with the arguments plus one more: your callback.',
          'In the callback, reject when the error is neither `null` nor `undefined`, otherwise resolve with the value.',
          'Call the original with `fn.apply(this, [...args, callback])` from a non-arrow function, so that methods keep their `this`; a synchronous throw inside the executor already becomes a rejection.',
        ],
      },
      {
        name: 'lazy',
        title: 'A lazy coroutine that starts when first awaited',
        hints: [
          'An object with a `then(onFulfilled, onRejected)` method can be awaited: `await` calls `then` for you.',
          'Do not call `fn` in `lazy` itself; call it in the first `then` (or `catch`), and keep a promise of its outcome: `Promise.resolve(fn())` turns a plain value or a thenable into one. `started` is simply whether that promise exists yet.',
          'Every later `then` reuses the stored promise, so `fn` runs once. Call `fn` synchronously, inside a `try`/`catch` that stores `Promise.reject(error)` (or inside `new Promise((resolve) => resolve(fn()))`, whose executor runs at once), so that a synchronous throw becomes a rejection instead of escaping from `then`.',
        ],
      },
    ],
  },
];
