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
//   grader/specs/<lesson>/<exercise>.equivalent.json  mutants of the solution no test can tell apart
//   grader/wrong/<lesson>/<exercise>/*.ts    plausible wrong solutions the spec must fail
//   grader/right/<lesson>/<exercise>/*.ts    correct alternatives the spec must pass

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
          'Check `signal.aborted` first (not the reason): an already-aborted signal rejects with `signal.reason` at once, exactly as it is (even `abort(\'x\')` or `abort(null)`), without starting a timer.',
          'On abort, clear the timer and reject with `signal.reason`; when the timer fires, remove the abort listener (`{ once: true }` alone is not enough, since it only removes a listener that has run).',
        ],
      },
      {
        name: 'yielding-loop',
        title: 'A CPU-heavy loop that lets timers fire',
        hints: [
          '`await Promise.resolve()` is not asyncio’s `await asyncio.sleep(0)`: it only lets other microtasks run. Timers and I/O need a macrotask boundary.',
          '`new Promise((resolve) => setImmediate(resolve))` resolves after the event loop has had a turn.',
          'Check `chunkSize` first, inside the async function, even when `items` is empty. Then process `chunkSize` items synchronously, storing what `fn` returns as it is (never await it), `await yieldToEventLoop()`, and repeat until every item is done.',
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
          'Call the original with `fn.apply(this, [...args, callback])` from a non-arrow function, so that methods keep their `this`; a synchronous throw inside the executor already becomes a rejection: reject it there directly, not through your callback, where a thrown `undefined` would look like success.',
        ],
      },
      {
        name: 'lazy',
        title: 'A lazy coroutine that starts when first awaited',
        hints: [
          'An object with a `then(onFulfilled, onRejected)` method can be awaited: `await` calls `then` for you.',
          'Do not call `fn` in `lazy` itself; call it in the first `then` (or `catch`). Before you call it, create and store the promise of its outcome (with its `resolve` and `reject`) and set `started`: `fn` may read `started`, or call `then` again, while it runs.',
          'Every later `then` reuses the stored promise, so `fn` runs once. Then call `resolve(fn())` inside a `try`/`catch` whose `catch` calls `reject(error)`: `resolve` follows a promise or thenable that `fn` returns, and a synchronous throw becomes a rejection with exactly what was thrown instead of escaping from `then`.',
        ],
      },
    ],
  },
  {
    lesson: '03-futures',
    title: 'Futures and promises',
    exercises: [
      {
        name: 'future',
        title: 'An asyncio-style `Future`',
        hints: [
          'Keep the state in plain fields (pending, a result, an exception, or cancelled) so that `done()`, `result()` and `exception()` can answer synchronously; every method starts by checking that state, and `setResult`, `setException` and `cancel` do nothing but throw (or return false) once the future is done.',
          'Keep the done callbacks in an array. When the future completes, take the array, empty it, and queue each callback with its own `queueMicrotask(() => fn(this))`, in order, without a `try`/`catch` that would swallow its errors; a callback added after completion is queued at once, never called on the spot. `removeDoneCallback` filters the array and returns how many it removed.',
          'Do not create a promise in the constructor: a rejected promise that nobody awaits is an unhandled rejection. In `then`, build a new promise on demand, settle it from a done callback (`try { resolve(this.result()) } catch (error) { reject(error) }`), and return `promise.then(onFulfilled, onRejected)`.',
        ],
      },
    ],
  },
  {
    lesson: '04-tasks',
    title: 'Tasks',
    exercises: [
      {
        name: 'task',
        title: 'A `Task` over a cancellable async function',
        hints: [
          'Keep the state in plain fields (running, succeeded with a value, failed with an error, cancelled with a `CancelledError`), so that `done()`, `result()` and `exception()` can answer synchronously; `then` only hands out a promise of the outcome.',
          'Make one outcome promise with `new Promise((resolve, reject) => …)` and keep `resolve` and `reject`. Attach `outcome.catch(() => {})` once, so a failure nobody awaits is not an unhandled rejection. `then` returns `outcome.then(onFulfilled, onRejected)`, and `addDoneCallback(cb)` can be `outcome.then(() => cb(task), () => cb(task))`.',
          'Call `fn(controller.signal)` inside `queueMicrotask`, only if the task is still running, and turn a synchronous throw into a rejection. When its promise settles, change the state only if the task is still running. `cancel()` returns false unless the task is running; otherwise it stores `new CancelledError(message)`, rejects the outcome with it, then calls `controller.abort(error)`.',
        ],
      },
      {
        name: 'task-tracker',
        title: 'A task tracker that never loses a task',
        hints: [
          'A task counts from the moment `run` is called, before it calls `fn`, until its promise settles, either way; a synchronous throw is a rejected promise like any other. Inside `run`, before returning, attach `promise.then(onSuccess, onFailure)`. Not `finally`: that makes a new promise which rejects again and is unhandled.',
          'Store each failure with its task\'s start index, and keep a list of waiting `drain()` calls. Whenever the count reaches 0 (or `drain()` is called with nothing in flight), settle every waiting drain at once: `new AggregateError(errors)` sorted by start index, or `undefined`. Then forget the reported failures.',
          'Give each task its own `AbortController`, kept in a Map while the task is in flight. `shutdown(reason)` sets `closed` first, so `run` throws `TrackerClosedError`, then calls `abort(reason)` on each controller in the Map and returns `this.drain()`. In the failure handler, skip an error that is the `reason` of the task\'s own aborted signal.',
        ],
      },
    ],
  },
  {
    lesson: '05-gather',
    title: 'Running things together: gather',
    exercises: [
      {
        name: 'gather',
        title: '`gather` without `Promise.all`',
        hints: [
          'Return `new Promise((resolve, reject) => …)` and, inside it, subscribe to every item at once with `Promise.resolve(item).then(onValue, onError)`; never `await` them one by one.',
          'Loop with `for`, not `forEach` (which skips the holes of a sparse array). Keep an array of the items\' length and a counter of items still running: store each value at its item\'s index, and resolve when the counter reaches 0. Resolve `[]` straight away when there are no items, since no callback will ever run.',
          'In `onError`, call `reject(error)` (later calls are no-ops, and because every item has a rejection callback, no later failure goes unhandled). With `returnExceptions`, store the error at its index and count it like a value.',
        ],
      },
      {
        name: 'as-completed',
        title: '`asCompleted` as an async iterator',
        hints: [
          'An `async function*` that `yield`s values and `throw`s errors is an async iterator, and `for await` drives it.',
          'Subscribe to every item in `asCompleted` itself, not inside the generator: the generator\'s body runs only at the first `next()`. Each callback pushes `{ ok, value }` or `{ ok, error }` onto a queue, in the order the items settle.',
          'In the generator, loop once per item: while the queue is empty, `await` a promise whose `resolve` a callback calls when something arrives; then `shift()` the next outcome and `yield` its value or `throw` its error.',
        ],
      },
      {
        name: 'wait',
        title: '`wait` with `returnWhen`',
        hints: [
          'Return a `new Promise` that only ever resolves. Attach `Promise.resolve(item).then(onDone, onDone)` to every item, so that a rejection counts as done and is handled, and a misbehaving thenable is tamed. A `timeout` of `Infinity` means no timer at all.',
          'Keep `pending` (a `Set` of the items) and `done`. In each callback, move the item across and check the condition: `FIRST_COMPLETED`; a failure under `FIRST_EXCEPTION`; or nothing left pending. An empty input is already finished.',
          'Put everything that ends the wait (the condition, the timeout) in one `finish()` that runs once. It clears the timer and resolves with new copies of both sets, so that later settlements change nothing.',
        ],
      },
    ],
  },
  {
    lesson: '06-timeouts',
    title: 'Timeouts and cancellation',
    exercises: [
      {
        name: 'wait-for',
        title: '`waitFor(fn, ms)` that aborts the work and leaks no timer',
        hints: [
          'Create an `AbortController`, start a `setTimeout` for `ms`, then call `fn(controller.signal)` and follow its promise with `.then(onValue, onError)`: whichever of the timer and the promise comes first decides the outcome.',
          'When the timer fires, build `new DOMException(\'timed out\', \'TimeoutError\')`, settle first (set your `settled` flag and `reject(error)`), then call `controller.abort(error)`, so that `fn`\'s reaction to the abort cannot win; do not wait for `fn`: handling both branches of its `.then` already keeps a late rejection from being unhandled.',
          'Send every way out (value, error, synchronous throw, timeout, outer abort) through one `finish` function that runs once: it sets a `settled` flag, calls `clearTimeout(timer)` and `options.signal?.removeEventListener(\'abort\', onOuterAbort)`. Check `options.signal?.aborted` before anything else, and wrap the call of `fn` in `try`/`catch`.',
        ],
      },
      {
        name: 'retry',
        title: '`retry` with exponential backoff and a signal',
        hints: [
          'Write it as an `async` function with a `for` loop over the attempt number: `try { return await fn(attempt, signal); } catch (error) { … }`, then wait before the next turn. The error you finally throw is the one from the last attempt.',
          'The wait after attempt n is `Math.min(baseDelayMs * factor ** (n - 1), maxDelayMs ?? Infinity)`, times `random()` when jitter is on (`true` means `Math.random`). Do not wait after the last attempt, nor when `shouldRetry` says no: throw right away.',
          'For the signal, wait with a sleep that clears its timer and rejects with `signal.reason` on abort, and race each attempt against the signal as well, removing the listener once the attempt settles. In the `catch`, check `signal.aborted` first and throw `signal.reason`: an abort is never retried. Call `signal.throwIfAborted()` before each attempt.',
        ],
      },
      {
        name: 'shield',
        title: '`shield`: keep the work running when the wait is cancelled',
        hints: [
          'Return `new Promise((resolve, reject) => …)` and, inside it, follow the work with `Promise.resolve(work).then(resolve, reject)`: that alone is `shield` without a signal.',
          'Add an `\'abort\'` listener that calls `reject(signal.reason)`. A signal that is already aborted fires no event, so check `signal.aborted` first and reject at once. Rejecting or resolving a promise that has already settled does nothing, so the late outcome of the work is harmless.',
          'Subscribe to the work first, on every path, including the already-aborted one: that subscription is what keeps a later failure of the work from becoming unhandled. When the work settles, remove your listener with `removeEventListener` (`{ once: true }` only removes a listener that has run).',
        ],
      },
    ],
  },
  {
    lesson: '07-errors',
    title: 'Errors in concurrent code',
    exercises: [
      {
        name: 'first-success',
        title: 'First success (`Promise.any` from scratch)',
        hints: [
          'Wrap everything in one `new Promise((resolve, reject) => …)`. Call every function at once, each with the signal of its own `AbortController`, and give each attempt both handlers: `attempt.then(onValue, onError)`.',
          'Store each failure at its index (`errors[index] = error`) and count the failures. Reject with `new AggregateError(errors, message)` only when the count reaches `fns.length`. An empty list rejects at once.',
          'On the first success, set a `won` flag, abort every other controller (also those whose attempt already failed) and resolve. Call each function inside `try`/`catch` so that a synchronous throw becomes `Promise.reject(error)`. Never write `attempt.then(onValue)` alone: the promise it returns rejects with nobody listening.',
        ],
      },
      {
        name: 'collect-errors',
        title: 'Collect every error',
        hints: [
          'Start every function first (`fns.map(…)`), then wait. `Promise.allSettled` waits for all of them, whatever happens, and gives the outcomes in argument order.',
          'Keep the `reason` of every `rejected` outcome, in order. If there are any, throw `new AggregateError(errors, `${errors.length} of ${fns.length} functions failed`)` (always “functions”, even `1 of 1 functions failed`); otherwise return the values.',
          'A function may throw before it returns a promise: call it inside `try`/`catch` and use `Promise.reject(error)` in its place, so that the functions after it are still called. Do not await the promises one by one: one that fails while you are waiting for an earlier one is an unhandled rejection.',
        ],
      },
      {
        name: 'lost-error',
        title: 'Fix a program that loses an error',
        hints: [
          'For every promise that `importAllAsWritten` creates, ask who waits for it. `db.connect().then(…)` is neither awaited nor returned, and `forEach` throws away the promises its async callback returns.',
          '`await db.connect()` first. Then map the records to their inserts\' promises and `await Promise.all(…)`: it waits for every insert and rejects with the first failure.',
          'Drop the `try`/`catch` that only logs: an error you cannot handle must reach the caller. The whole fix is two lines: `await db.connect(); await Promise.all(records.map((record) => db.insert(record)));`. Keep the arrow: `records.map(db.insert)` loses `insert`\'s `this` and passes it the index too.',
        ],
      },
    ],
  },
  {
    lesson: '08-task-group',
    title: 'TaskGroup: structured concurrency',
    exercises: [
      {
        name: 'task-group',
        title: 'A `TaskGroup` with a callback form and `await using`',
        hints: [
          'Keep a count of the tasks in flight, a list of the errors and one `AbortController` for the whole group. The group finishes when the body has ended and the count is 0: check that both when the body ends and each time a task settles.',
          'In `createTask`, check `finished` before `shutting down`, then call `fn(this.signal)` inside a `try`/`catch`, turn what it gives into a promise with `Promise.resolve`, and attach `.then(onValue, onError)` to that very promise (so a failure nobody awaits is handled) before you return it. Collect a failure unless the signal is aborted and the error is `signal.reason` (or an `Error` whose `cause` is it), or the list already holds it; on the first one, mark the group shutting down and then call `controller.abort(error)`.',
          'Create the outcome promise, and keep its `resolve` and `reject`, in the first `[Symbol.asyncDispose]()` call, which ends the body; return that same promise from every call, and settle it once, when the group finishes: `reject(new ExceptionGroup(errors))` or `resolve()`. `taskGroup(body)` is then `new TaskGroup()`, `Promise.resolve(body(group))` in a `try`/`catch`, and on either outcome the disposer: on a rejection, collect the body’s error first (the one step the disposer cannot do, since it is never told), then return the disposer’s promise.',
        ],
      },
    ],
  },
  {
    lesson: '09-locks',
    title: 'Locks',
    exercises: [
      {
        name: 'lock',
        title: 'A fair `Lock` with `runExclusive`',
        hints: [
          'Keep two things: whether the lock is held, and a queue (an array) of waiters in the order they called `acquire()`. A free lock is taken at once; otherwise the caller joins the end of the queue.',
          'Never mark the lock free while someone waits: `release()` shifts the first waiter off the queue and hands the lock straight to it, so `locked()` stays `true` and a caller that acquires right after the release queues behind. Throw when `release()` finds the lock free.',
          'Give each waiter an abort listener: while it waits, take it out of the queue and reject with `signal.reason`; if `release()` has already handed it the lock but it has not woken yet (wake it with `queueMicrotask`, and check a `granted` flag), pass the lock on to the next waiter instead. Remove the listener once `acquire()` settles, and write `runExclusive` as `await this.acquire(options); try { return await fn(); } finally { this.release(); }`.',
        ],
      },
      {
        name: 'lost-update',
        title: 'Fix a lost update',
        hints: [
          'In `BankAsWritten`, two deposits into one account both read the old balance before either writes: the update is lost across the `await` between the read and the write. Whatever runs from the read to the end of the write must have the account to itself.',
          'Hold a lock from the read to the end of the write, but not one lock for the whole bank: keep one lock per account, in a `Map<string, …>`, so that deposits into different accounts still run together.',
          'A promise chain per account is enough: `const result = (tails.get(account) ?? Promise.resolve()).then(() => update(account, amount)); tails.set(account, result.then(() => {}, () => {})); return result;`. The `then(() => {}, () => {})` makes the next deposit wait for this one whichever way it ends, and leaves no rejection unhandled.',
        ],
      },
    ],
  },
  {
    lesson: '10-semaphores',
    title: 'Semaphores',
    exercises: [
      {
        name: 'semaphore',
        title: 'A fair `Semaphore` and `BoundedSemaphore`',
        hints: [
          'Keep two things: the number of free permits, and a queue (an array) of waiters. `acquire` takes a permit at once when one is free, and otherwise puts a function that grants it at the end of the queue.',
          'Make `release()` hand its permit straight to the first waiter (shift it off the queue and call it) instead of adding it to the count: then nobody can barge in between, and `value` stays 0 while anyone waits.',
          'With a signal: on abort, splice the waiter out of the queue and reject with `signal.reason`; when a waiter is granted, remove its listener. After `await`ing the grant, check `signal.aborted` once more and, if so, pass the permit on with the unchecked hand-over that `Semaphore.release()` uses before rethrowing. `BoundedSemaphore.release()` throws a `RangeError` when `value` is already the initial value or more.',
        ],
      },
      {
        name: 'map-with-limit',
        title: '`mapWithLimit(items, limit, fn)` keeping input order',
        hints: [
          'Read the items with `Array.from(items)` first, then start calls while fewer than `limit` are running; each time one ends, start the next. Store each result at its index.',
          'Write it inside `new Promise((resolve, reject) => …)` with a counter of calls running, the index of the next item and a `failed` flag; start calls from a `fill()` function that you call once at the start and again in the callback where a call ends.',
          'Call `fn` inside `try` (a synchronous throw is a failure) and follow its result with `Promise.resolve(result).then(onValue, onError)`. On the first error set `failed`, call `controller.abort(new DOMException(…, \'AbortError\'))`, then `reject(error)`; later outcomes see `failed` and do nothing. Resolve when the last call ends and no item is left.',
        ],
      },
    ],
  },
  {
    lesson: '11-events-and-queues',
    title: 'Events, conditions and queues',
    exercises: [
      {
        name: 'event',
        title: 'An `Event`',
        hints: [
          'Keep two things: a boolean flag and a list of waiters (for each `wait()` that waits, the `resolve` of its promise). `set()` sets the flag and calls every waiter\'s `resolve`, there and then; `wait()` on a set event returns `Promise.resolve()`; `clear()` only lowers the flag.',
          'Resolve the waiters inside `set()` itself and empty the list in the same call (`this.#waiters.splice(0)`): a resolved promise stays resolved, so a `clear()` right after cannot stop them, and a waiter must never look at the flag again when it wakes. Check `signal?.aborted` first of all, and return `Promise.reject(signal.reason)` rather than throwing.',
          'For a `wait({ signal })` that waits, add an abort listener (`{ once: true }`) that splices that waiter out of the list (by identity) and rejects with `signal.reason`; give each waiter a `release()` that removes the listener and resolves, so an abort after `set()` finds nothing to do. `nWaiting` is the length of the list.',
        ],
      },
      {
        name: 'condition',
        title: 'A `Condition`',
        hints: [
          'Keep two things: the lock (the one given, or `new Lock()`) and a line of waiters (an array, first come first). `locked`, `acquire` and `release` are the lock\'s own. Every method that needs the lock begins with `if (!this.#lock.locked())` and throws a `RuntimeError` (`notify`, `notifyAll`) or returns a promise rejected with one (`wait`, `waitFor`), before it looks at anything else.',
          'In `wait()`, inside `new Promise((resolve, reject) => …)`, push a waiter onto the line, then call `lock.release()`. `notify(n)` shifts up to `n` waiters off the front of the line and calls each one\'s wake-up, which calls `lock.acquire()` right there (so the waiter is queued for the lock in the notify call, and nobody can barge in) and resolves the `wait()` when that acquire resolves. `waitFor` is a loop: `let value = predicate(); while (!value) { await this.wait(options); value = predicate(); } return value;`.',
          'Give each waiter one abort listener. If no notify has picked it yet: splice it out of the line, call `lock.acquire()` at once, and reject with `signal.reason` when that resolves. If a notify has picked it: call your own notify of one (without the lock check) to pass the wake-up on, and leave its pending `lock.acquire()` alone; when that resolves, reject instead of resolving, since `signal.aborted` is now `true`. Remove the listener when the waiter settles. An already-aborted signal rejects at once, after the lock check, without releasing anything.',
        ],
      },
      {
        name: 'queue',
        title: 'A bounded `Queue` with backpressure, `join` and `shutdown`',
        hints: [
          'Keep four things: the items (an array), a line of waiting getters, a line of waiting putters (each with its item), and a count of unfinished tasks. A getter waits only while the queue is empty, a putter only while it is full, so at most one of the two lines is ever non-empty.',
          'Do every hand-over in the call that makes it possible: `putNowait` gives its item straight to the first waiting getter (resolve its promise with it) instead of storing it; `getNowait` takes the front item and, if a putter waits, pushes that putter\'s item onto the back and resolves its `put`. Then nobody can slip in between, and an item is only ever given to a getter still in the line, so an abort loses nothing.',
          'Each waiter gets an abort listener that splices it out of its line and rejects with `signal.reason`; remove the listener when it is served. `shutdown(immediate)` sets a flag, with `immediate` empties the items and lowers the count by as many (never below 0), then rejects every waiting putter and getter with a `QueueShutDown`. The iterator\'s `next()` is `this.get()` turned into `{ done: false, value }`, and `{ done: true }` when it rejects with a `QueueShutDown`.',
        ],
      },
      {
        name: 'pipeline',
        title: 'A producer/consumer pipeline',
        hints: [
          'Three pieces: a producer that reads the source one `next()` at a time, a buffer (an array) of items read and not yet started, and a count of calls of `fn` running. Get the iterator with `Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()`, and wrap every `next()` in `Promise.resolve` so both kinds look alike.',
          'Write it inside `new Promise((resolve, reject) => …)` with two functions that call each other: `produce()` reads the next item unless a read is in flight, the source is done or the buffer holds `maxsize`; when the item comes, a free worker starts it at once, otherwise it goes into the buffer, and `produce()` runs again. When a call ends, store its result at its index, start the oldest buffered item, and call `produce()`.',
          'Keep a `failed` flag: at the first error (from `fn`, a synchronous throw included, or from `next()`), set it, call `iterator.return?.()` if the source had not finished and `next()` did not fail, and `reject(error)`; every callback checks the flag first, and every call\'s promise gets both handlers, so a late failure is never unhandled. Resolve when the source is done, no read is in flight, the buffer is empty and no call runs.',
        ],
      },
      {
        name: 'barrier',
        title: 'A reusable `Barrier`',
        hints: [
          'Keep the round as a list of the parties waiting, in order of arrival (for each one, its `resolve` and `reject`), and a `broken` flag. `wait()` adds the caller to the list; when the list reaches `parties`, resolve each entry with its position in the list (0, 1, …) and start a new, empty list at once.',
          'Give indices at release, not at arrival: the position in the list when the round is released is the index, so a party that left the round with its signal moves the later ones up. Check the signal first, then `broken`, and reject (`Promise.reject(...)`) rather than throw; validate `parties` with `Number.isInteger(parties) && parties >= 1`.',
          '`abort()` sets `broken` and rejects everyone in the list with a `new BrokenBarrierError()`; `reset()` clears `broken` and does the same; both empty the list. Each waiting party gets an abort listener (`{ once: true }`) that splices it out of the list by identity and rejects with `signal.reason`; resolving or rejecting a party removes that listener first, so a late abort finds nothing to do.',
        ],
      },
    ],
  },
];
