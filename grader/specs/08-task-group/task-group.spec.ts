// Hidden spec of TaskGroup (createTask, signal, [Symbol.asyncDispose]) and taskGroup(body).
//
// Clauses of the stub's doc comment, each with the tests that fail when only that clause is broken:
//
//  1. createTask calls fn once, synchronously, before it returns, with the group's signal.
//       - createTask calls fn once, synchronously, with the group's signal, not aborted
//  2. Its promise settles as fn's does: the same value or the very same error (a cancellation
//     too); a thenable or a plain value; a synchronous throw becomes a rejection (createTask does
//     not throw). The group's handler on it runs before those of whoever awaits it.
//       - the promise of createTask settles as fn does: the same value or the very same error
//       - a cancelled task's own promise still rejects with what fn rejected with
//       - fn may return a thenable or a plain value
//       - a synchronous throw of fn is a failure of the task, and createTask does not throw
//  3. A task failure nobody awaits is collected and never an unhandled rejection.
//       - a task failure that nobody awaits is not an unhandled rejection
//       - a group whose disposer is never called leaves no unhandled rejection either
//  4. The group finishes when the body has ended and no task is in flight: it waits for tasks the
//     body never awaited, for tasks added after the body ended, and settles at that very moment
//     (in the callback that learns the last task settled).
//       - two 2 s tasks run together: the group settles at 2 s, not 4 s
//       - waits for every task, also those the body never awaits, and settles when the last one ends
//       - a task added by another task after the body ended is waited for too
//       - the disposer settles when the last task ends, not when it is called
//       - the group finishes in the callback that learns the last task settled: a callback on that task finds it finished
//  5. If nothing is in flight when the body ends, the group finishes at once, in that call.
//       - a body with no task finishes at once: createTask is refused right after the disposer call
//       - taskGroup of a body with no task resolves at once with its value
//  6. A failure: a task rejection or synchronous throw; in the callback form, a body rejection or
//     synchronous throw; any value, undefined and non-Errors too.
//       - failures of any value are collected as they are: undefined, a string, an object
//       - an error thrown by the body is a failure: it aborts the tasks and the group rejects with it
//       - a synchronous throw of the body is a failure too, and taskGroup does not throw
//  7. Cancellations are not collected: once the signal is aborted, a rejection with signal.reason
//     itself, or with an Error whose cause is signal.reason.
//       - tasks that stop with signal.reason after the abort are cancelled, not failed
//       - a task that stops with an error whose cause is signal.reason is cancelled (Node's AbortError)
//       - before any abort, a rejection with undefined is a failure, not a cancellation
//       - an error whose cause is some other error is a failure, even after the abort
//       - a plain object whose cause is signal.reason is a failure: only an Error with that cause is a cancellation
//       - a task that fails with its own error after the abort is collected
//  8. A value already collected is not collected again.
//       - a body that awaits a failed task and lets its error go on adds it only once
//       - the same error thrown by two tasks is collected once
//  9. Failures in the order the group learns of them, the body's at its place.
//       - errors are in the order they happened, not the order the tasks were created
//       - the body's error takes its place in time, not the last place as in asyncio
// 10. At the first failure, at that moment: shutting down first, then signal aborted with the
//     failure's value as reason (undefined gives a DOMException AbortError); only once.
//       - the first failure aborts the signal at that moment, with that failure as its reason
//       - a first failure of undefined aborts with a DOMException named AbortError
//       - the reason stays the first failure: later failures do not change it
//       - an abort listener on the signal that calls createTask is refused: shutting down comes first
//       - the group learns of a failure before whoever awaits the task: a body that catches it finds the group shutting down
// 11. The group does not wait for tasks to react: tasks ignoring their signal run on and are
//     waited for; the group rejects only once every task has finished.
//       - a task that ignores its signal is still waited for before the group rejects
//       - the callback form waits for the body too, even after a failure
// 12. After failures: an ExceptionGroup of all of them (the stub's class: its name, default
//     message and `exceptions`), even for one; a group without failures never aborts its signal.
//       - rejects with an ExceptionGroup, with its default message, even for a single failure
//       - a group without failures never aborts its signal
// 13. createTask refuses: the stub's TaskGroupClosedError (its name and message), synchronously,
//     fn not called: 'finished' once the group has finished (whatever its outcome), otherwise
//     'shutting down' from the first failure.
//       - refuses with 'shutting down' from the first failure until the group finishes
//       - refuses with 'finished' after a group that failed has finished
//       - refuses with 'finished' after taskGroup resolved
//       - a body ended, tasks in flight: createTask is still accepted
// 14. The disposer: the first call ends the body; resolves with undefined or rejects with the
//     ExceptionGroup; every call settles the same way, with the very same ExceptionGroup.
//       - the disposer resolves with undefined when nothing failed, every time it is called
//       - every disposer call rejects with the very same ExceptionGroup, before and after the end
//       - until the disposer is called the group waits: it does not finish when its tasks are done
// 15. await using: the scope's error is not seen, tasks are not aborted, the group waits; then
//     JavaScript throws the scope's error, or a SuppressedError when the group rejects too.
//       - await using waits for the tasks at the end of the scope
//       - await using: an error in the scope does not abort the tasks, and it comes out after them
//       - await using: an error in the scope and a failed task give a SuppressedError
// 16. taskGroup: calls body once, synchronously, with a TaskGroup; resolves with the body's value
//     (async or not); never throws; the body can watch tg.signal.
//       - taskGroup calls the body once, synchronously, with a TaskGroup
//       - resolves with the body's value, whether the body is async or not
//       - the body can watch tg.signal to stop early
import { describe, expect, test } from 'vitest';
import { captureUnhandledRejections, deferred, describeOutcome, inOrder, loadExercise, points, realTick, show, sleep, timeline, track, useVirtualTime } from '../../spec-kit/index.ts';

type Module = typeof import('@target/08-task-group/task-group.ts');
const ex = loadExercise<Module>('08-task-group/task-group', ['TaskGroup', 'taskGroup', 'ExceptionGroup', 'TaskGroupClosedError']);
const clock = useVirtualTime();
const unhandled = captureUnhandledRejections();

const lesson = {
  asyncio: 'asyncios-taskgroup',
  together: 'two-fetches-two-seconds',
  outlives: 'no-task-outlives-its-group',
  firstFailure: 'the-first-failure-stops-the-rest',
  errors: 'every-error-in-one-exceptiongroup',
  cancelled: 'cancelled-is-not-failed',
  closed: 'a-closed-group-takes-no-new-tasks',
  forms: 'the-callback-form-and-await-using',
  disposer: 'why-a-disposer-cannot-see-the-bodys-error',
} as const;

/** Work that ignores its signal: resolves with `value` after `ms`. */
const stubborn =
  <T>(ms: number, value: T) =>
  (): Promise<T> =>
    new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** Work that ignores its signal: rejects with `error` after `ms`. */
const failsAfter =
  (ms: number, error: unknown) =>
  (): Promise<never> =>
    new Promise((_, reject) => setTimeout(() => reject(error), ms));

/** Cooperative work: resolves with `value` after `ms`, or rejects with `signal.reason` at once when the signal aborts. */
const cooperative =
  <T>(ms: number, value: T) =>
  async (signal: AbortSignal): Promise<T> => {
    await sleep(ms, signal);
    return value;
  };

/** What the group's promise rejected with, checked to be an ExceptionGroup of the module under test. */
function errorsOf(outcome: ReturnType<typeof track>, what: string): unknown[] {
  expect(outcome.state(), `${what}: the group ${describeOutcome(outcome.outcome())}, but it should have rejected`).toBe('rejected');
  const error = outcome.value();
  expect(error instanceof ex.ExceptionGroup, `${what}: the group should reject with an ExceptionGroup, not ${show(error)}`).toBe(true);
  return [...(error as AggregateError).errors];
}

/** The errors of a rejected group, shown on one line, for comparing with toBe. */
const listed = (errors: readonly unknown[]): string => `[${errors.map(show).join(', ')}]`;

/** Calls createTask and returns what it threw (undefined if it did not throw). */
function refusal(group: InstanceType<Module['TaskGroup']>): { thrown: unknown; called: boolean } {
  let called = false;
  try {
    const task = group.createTask(() => {
      called = true;
      return 'accepted';
    });
    void task.catch(() => {});
  } catch (error) {
    return { thrown: error, called };
  }
  return { thrown: undefined, called };
}

/** Fails unless `thrown` is a TaskGroupClosedError with `state`. */
function expectRefused(result: { thrown: unknown; called: boolean }, state: 'finished' | 'shutting down', when: string): void {
  expect(result.thrown instanceof ex.TaskGroupClosedError, `${when}: createTask should throw a TaskGroupClosedError, but it ${result.thrown === undefined ? 'accepted the task' : `threw ${show(result.thrown)}`}`).toBe(true);
  const refused = result.thrown as { state?: unknown; name?: unknown; message?: unknown };
  expect(refused.state, `${when}: the TaskGroupClosedError's state`).toBe(state);
  expect(refused.name, `${when}: the error's name (throw the stub's TaskGroupClosedError as it is)`).toBe('TaskGroupClosedError');
  const message = state === 'finished' ? 'the task group is finished: it accepts no new tasks' : 'the task group is shutting down after a failure: it accepts no new tasks';
  expect(refused.message, `${when}: the error's message (throw the stub's TaskGroupClosedError as it is)`).toBe(message);
  expect(result.called, `${when}: fn should not be called when the task is refused`).toBe(false);
}

describe('tasks', () => {
  test('createTask calls fn once, synchronously, with the group\'s signal, not aborted', points(2, { section: lesson.asyncio }), async () => {
    const group = new ex.TaskGroup();
    const seen: { signal: AbortSignal; aborted: boolean }[] = [];
    void group.createTask((signal) => {
      seen.push({ signal, aborted: signal.aborted });
      return sleep(100, signal);
    });
    expect(seen.length, 'fn should have been called once, before createTask returned').toBe(1);
    expect(seen[0]!.signal, 'fn should be given the group\'s signal, `tg.signal`').toBe(group.signal);
    expect(seen[0]!.signal instanceof AbortSignal, 'tg.signal should be an AbortSignal').toBe(true);
    expect(seen[0]!.aborted, 'the signal should not be aborted yet').toBe(false);
    expect(group.signal, 'tg.signal should be the same signal every time it is read').toBe(group.signal);
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(seen.length, 'fn should be called exactly once').toBe(1);
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 100 });
  });

  test('the promise of createTask settles as fn does: the same value or the very same error', points(2), async () => {
    const error = new RangeError('bad input');
    const group = new ex.TaskGroup();
    const value = track(group.createTask(stubborn(100, { answer: 42 })));
    const failed = track(group.createTask(failsAfter(200, error)));
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(200);
    expect(value.outcome(), `the task's promise ${describeOutcome(value.outcome())}`).toEqual({ resolved: { answer: 42 }, at: 100 });
    expect(failed.outcome(), `the failing task's promise ${describeOutcome(failed.outcome())}`).toEqual({ rejected: error, at: 200 });
    expect(failed.value(), "the task's promise should reject with the very error of fn").toBe(error);
    expect(listed(errorsOf(done, 'one task failed')), 'the errors of the group').toBe(listed([error]));
  });

  test('fn may return a thenable or a plain value', async () => {
    const group = new ex.TaskGroup();
    const thenable: PromiseLike<string> = { then: (onFulfilled, onRejected) => stubborn(100, 'from a thenable')().then(onFulfilled, onRejected) };
    const fromThenable = track(group.createTask(() => thenable));
    const plain = track(group.createTask(() => 'plain value'));
    const done = track(group[Symbol.asyncDispose]());
    await clock.settle();
    expect(plain.outcome(), `a task whose fn returns a plain value: its promise ${describeOutcome(plain.outcome())}`).toEqual({ resolved: 'plain value', at: 0 });
    expect(done.state(), 'the group should wait for the thenable').toBe('pending');
    await clock.advance(100);
    expect(fromThenable.outcome(), `a task whose fn returns a thenable: its promise ${describeOutcome(fromThenable.outcome())}`).toEqual({ resolved: 'from a thenable', at: 100 });
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 100 });
  });

  test('a synchronous throw of fn is a failure of the task, and createTask does not throw', points(2), async () => {
    const error = new Error('thrown at once');
    const group = new ex.TaskGroup();
    const other = cooperativeProbe(group, 1000);
    let task: Promise<unknown> | undefined;
    expect(() => {
      task = group.createTask(() => {
        throw error;
      });
    }, 'createTask should not throw what fn throws: the task fails instead').not.toThrow();
    const failed = track(task!);
    const done = track(group[Symbol.asyncDispose]());
    await clock.settle();
    expect(failed.outcome(), `the task's promise ${describeOutcome(failed.outcome())}`).toEqual({ rejected: error, at: 0 });
    expect(other.signal.aborted, 'a synchronous throw is a failure: it should abort the signal').toBe(true);
    expect(listed(errorsOf(done, 'fn threw')), 'the errors of the group').toBe(listed([error]));
  });

  test('a task failure that nobody awaits is not an unhandled rejection', points(2, { section: lesson.errors, hint: 'Attach your rejection handler to the very promise that createTask returns, not to another promise made from it.' }), async () => {
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(failsAfter(100, new Error('nobody awaits me')));
        tg.createTask(() => {
          throw new Error('thrown, and nobody awaits me');
        });
      }),
    );
    await clock.advance(100);
    await realTick();
    expect(outcome.state(), `the group ${describeOutcome(outcome.outcome())}`).toBe('rejected');
    expect(unhandled.map(show), 'unhandled rejections').toEqual([]);
  });

  test('a group whose disposer is never called leaves no unhandled rejection either', async () => {
    const group = new ex.TaskGroup();
    void group.createTask(failsAfter(100, new Error('failed in a group nobody closes')));
    await clock.advance(100);
    await realTick();
    expect(unhandled.map(show), 'unhandled rejections').toEqual([]);
  });
});

describe('waiting for every task', () => {
  test('two 2 s tasks run together: the group settles at 2 s, not 4 s', points(2, { section: lesson.together }), async () => {
    const work = timeline(clock);
    const outcome = track(
      ex.taskGroup(async (tg) => {
        const first = tg.createTask(() => work.run('task 1', stubborn(2000, 'Data Fetched')));
        const second = tg.createTask(() => work.run('task 2', stubborn(2000, 'Data Fetched')));
        return [await first, await second];
      }),
    );
    await clock.advance(4000);
    work.expect({ 'task 1': [0, 2000], 'task 2': [0, 2000] }, 'both tasks should start at once and end at 2 s');
    expect(outcome.outcome(), `the group ${describeOutcome(outcome.outcome())}`).toEqual({ resolved: ['Data Fetched', 'Data Fetched'], at: 2000 });
  });

  test('waits for every task, also those the body never awaits, and settles when the last one ends', points(3, { section: lesson.outlives }), async () => {
    const work = timeline(clock);
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(() => work.run('a', stubborn(300, 'a')));
        tg.createTask(() => work.run('b', stubborn(100, 'b')));
        tg.createTask(() => work.run('c', stubborn(200, 'c')));
        return 'the body returned at once';
      }),
    );
    await clock.advance(299);
    expect(outcome.state(), 'task a ends at 300 ms: the group should still be waiting at 299 ms').toBe('pending');
    await clock.advance(1);
    work.expect({ a: [0, 300], b: [0, 100], c: [0, 200] }, 'the three tasks should run together');
    expect(outcome.outcome(), `the group ${describeOutcome(outcome.outcome())}`).toEqual({ resolved: 'the body returned at once', at: 300 });
  });

  test('a task added by another task after the body ended is waited for too', points(2, { section: lesson.outlives, hint: 'Do not take a snapshot of the tasks when the body ends: keep a count of the tasks in flight, and check "the body has ended and the count is 0" each time a task settles.' }), async () => {
    const group = new ex.TaskGroup();
    const log: string[] = [];
    void group.createTask(async () => {
      await sleep(100);
      void group.createTask(async () => {
        await sleep(400);
        log.push(`grandchild done at ${clock.now()}`);
      });
      log.push(`child done at ${clock.now()}`);
    });
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(499);
    expect(done.state(), `the group ${describeOutcome(done.outcome())}; it should wait for the task added at 100 ms, which ends at 500 ms`).toBe('pending');
    await clock.advance(1);
    expect(inOrder(log), 'what happened').toBe(inOrder(['child done at 100', 'grandchild done at 500']));
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 500 });
  });

  test('the disposer settles when the last task ends, not when it is called', async () => {
    const group = new ex.TaskGroup();
    void group.createTask(stubborn(300, 'x'));
    await clock.advance(100);
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(199);
    expect(done.state(), 'the task ends at 300 ms: the disposer should still be waiting at 299 ms').toBe('pending');
    await clock.advance(1);
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 300 });
  });

  test('until the disposer is called the group waits: it does not finish when its tasks are done', async () => {
    const group = new ex.TaskGroup();
    void group.createTask(stubborn(100, 'first'));
    await clock.advance(200);
    const second = refusal(group);
    expect(second.thrown, `the body has not ended: createTask should accept a task, but it threw ${show(second.thrown)}`).toBeUndefined();
    expect(second.called, 'fn should be called').toBe(true);
    const done = track(group[Symbol.asyncDispose]());
    await clock.settle();
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 200 });
  });

  test('a body with no task finishes at once: createTask is refused right after the disposer call', async () => {
    const group = new ex.TaskGroup();
    const done = track(group[Symbol.asyncDispose]());
    expectRefused(refusal(group), 'finished', 'right after the disposer of an empty group was called');
    await clock.settle();
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 0 });
  });

  test('taskGroup of a body with no task resolves at once with its value', async () => {
    const outcome = track(ex.taskGroup(() => 0));
    const falsy = track(ex.taskGroup(async () => undefined));
    await clock.settle();
    expect(outcome.outcome(), `taskGroup(() => 0) ${describeOutcome(outcome.outcome())}`).toEqual({ resolved: 0, at: 0 });
    expect(falsy.outcome(), `taskGroup(async () => undefined) ${describeOutcome(falsy.outcome())}`).toEqual({ resolved: undefined, at: 0 });
  });

  test('the group finishes in the callback that learns the last task settled: a callback on that task finds it finished', points(2, { section: lesson.closed, hint: 'Check "the body has ended and no task is in flight" in the very handler that sees a task settle, not after waiting for something again.' }), async () => {
    const group = new ex.TaskGroup();
    const last = group.createTask(stubborn(100, 'last'));
    const done = track(group[Symbol.asyncDispose]());
    let after: ReturnType<typeof refusal> | undefined;
    void last.then(() => {
      after = refusal(group);
    });
    await clock.advance(100);
    expect(after, 'the callback on the last task should have run').toBeDefined();
    expectRefused(after!, 'finished', "in a callback on the last task's promise, right after it resolved");
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 100 });
  });

  test('a body ended, tasks in flight: createTask is still accepted', points(1, { section: lesson.closed, hint: 'The group is finished only when the body has ended and no task is in flight; until then it takes new tasks.' }), async () => {
    const group = new ex.TaskGroup();
    void group.createTask(stubborn(300, 'x'));
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    const late = refusal(group);
    expect(late.thrown, `a task is still in flight: createTask should accept a new one, but it threw ${show(late.thrown)}`).toBeUndefined();
    await clock.advance(200);
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 300 });
  });
});

/** A cooperative task of `group` that records its signal and when it stopped. */
function cooperativeProbe(group: InstanceType<Module['TaskGroup']>, ms: number): { signal: AbortSignal; stoppedAt: () => number | undefined; promise: Promise<unknown> } {
  let signal!: AbortSignal;
  let stoppedAt: number | undefined;
  const promise = group.createTask(async (s) => {
    signal = s;
    try {
      await sleep(ms, s);
    } finally {
      stoppedAt = clock.now();
    }
  });
  void promise.catch(() => {});
  return { signal, stoppedAt: () => stoppedAt, promise };
}

describe('the first failure', () => {
  test('the first failure aborts the signal at that moment, with that failure as its reason', points(3, { section: lesson.firstFailure }), async () => {
    const boom = new Error('boom');
    const group = new ex.TaskGroup();
    const slow = cooperativeProbe(group, 5000);
    void group.createTask(failsAfter(100, boom)).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(99);
    expect(group.signal.aborted, 'nothing has failed at 99 ms: the signal should not be aborted').toBe(false);
    await clock.advance(1);
    expect(group.signal.aborted, 'a task failed at 100 ms: the signal should be aborted at 100 ms').toBe(true);
    expect(group.signal.reason, "the signal's reason should be the first failure itself").toBe(boom);
    expect(slow.stoppedAt(), 'the cooperative task should have stopped at 100 ms').toBe(100);
    expect(listed(errorsOf(done, 'one task failed, the other was cancelled')), 'the errors of the group: the cancelled task is not one of them').toBe(listed([boom]));
    expect(done.settledAt(), 'the group should settle at 100 ms, when both tasks are done').toBe(100);
  });

  test('the group learns of a failure before whoever awaits the task: a body that catches it finds the group shutting down', points(2, { section: lesson.firstFailure, hint: "Attach the group's handler directly to the promise that createTask returns, before you return it, so that it runs before anyone else's." }), async () => {
    const boom = new Error('boom');
    let seen: { aborted: boolean; reason: unknown; refused: ReturnType<typeof refusal> } | undefined;
    const outcome = track(
      ex.taskGroup(async (tg) => {
        try {
          await tg.createTask(failsAfter(100, boom));
        } catch {
          seen = { aborted: tg.signal.aborted, reason: tg.signal.reason, refused: refusal(tg) };
        }
      }),
    );
    await clock.advance(100);
    expect(seen, 'the body should have caught the failure of its task').toBeDefined();
    expect(seen!.aborted, "in the body's catch, right after the task rejected: the signal should already be aborted").toBe(true);
    expect(seen!.reason, "in the body's catch: the signal's reason should be the failure").toBe(boom);
    expectRefused(seen!.refused, 'shutting down', "in the body's catch, right after its task rejected");
    expect(listed(errorsOf(outcome, 'a task failed and the body caught it')), 'the errors: the task failed, even though the body caught it').toBe(listed([boom]));
  });

  test('a first failure of undefined aborts with a DOMException named AbortError', async () => {
    const group = new ex.TaskGroup();
    const slow = cooperativeProbe(group, 5000);
    void group.createTask(failsAfter(100, undefined)).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(group.signal.aborted, 'a task failed with undefined: that is a failure, and the signal should be aborted').toBe(true);
    const reason: unknown = group.signal.reason;
    expect(reason instanceof DOMException && reason.name === 'AbortError', `the reason should be what controller.abort(undefined) gives, a DOMException named AbortError, not ${show(reason)}`).toBe(true);
    expect(slow.stoppedAt(), 'the cooperative task should have stopped at 100 ms').toBe(100);
    expect(listed(errorsOf(done, 'a task failed with undefined')), 'the errors: undefined, and not the cancelled task').toBe(listed([undefined]));
  });

  test('the reason stays the first failure: later failures do not change it', async () => {
    const first = new Error('first');
    const second = new Error('second');
    const group = new ex.TaskGroup();
    void group.createTask(failsAfter(100, first)).catch(() => {});
    void group.createTask(failsAfter(200, second)).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(200);
    expect(group.signal.reason, "the signal's reason should still be the first failure").toBe(first);
    expect(listed(errorsOf(done, 'two tasks failed')), 'the errors of the group').toBe(listed([first, second]));
  });

  test('an abort listener on the signal that calls createTask is refused: shutting down comes first', points(1, { section: lesson.closed, hint: 'Abort listeners run inside `controller.abort(...)`: mark the group as shutting down before you call it.' }), async () => {
    const group = new ex.TaskGroup();
    let fromListener: { thrown: unknown; called: boolean } | undefined;
    group.signal.addEventListener('abort', () => {
      fromListener = refusal(group);
    });
    void group.createTask(failsAfter(100, new Error('boom'))).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(fromListener, 'the abort listener should have run').toBeDefined();
    expectRefused(fromListener!, 'shutting down', 'in an abort listener of the signal');
    expect(done.settledAt(), 'the group should settle at 100 ms').toBe(100);
  });

  test('a task that ignores its signal is still waited for before the group rejects', points(3, { section: lesson.firstFailure, hint: 'Aborting the signal only asks: keep counting a task until its own promise settles, and settle the group after that.' }), async () => {
    const work = timeline(clock);
    const boom = new Error('boom');
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(() => work.run('stubborn', stubborn(3000, 'ignores its signal')));
        tg.createTask(() => work.run('failing', failsAfter(100, boom)));
      }),
    );
    await clock.advance(2999);
    expect(outcome.state(), `the stubborn task ends at 3000 ms; at 2999 ms the group ${describeOutcome(outcome.outcome())}`).toBe('pending');
    await clock.advance(1);
    work.expect({ stubborn: [0, 3000], failing: [0, 100] }, 'the stubborn task runs on after the failure');
    expect(listed(errorsOf(outcome, 'one task failed')), 'the errors of the group').toBe(listed([boom]));
    expect(outcome.settledAt(), 'the group should reject at 3000 ms, when the stubborn task ends').toBe(3000);
  });

  test('the callback form waits for the body too, even after a failure', points(2, { section: lesson.forms }), async () => {
    const boom = new Error('boom');
    const outcome = track(
      ex.taskGroup(async (tg) => {
        tg.createTask(failsAfter(100, boom));
        await stubborn(1000, 'the body ignores the signal')();
        return 'body value';
      }),
    );
    await clock.advance(999);
    expect(outcome.state(), `the body ends at 1000 ms; at 999 ms the group ${describeOutcome(outcome.outcome())}`).toBe('pending');
    await clock.advance(1);
    expect(listed(errorsOf(outcome, 'a task failed while the body ran')), 'the errors of the group').toBe(listed([boom]));
    expect(outcome.settledAt(), 'the group should reject at 1000 ms, when the body ends').toBe(1000);
  });

  test('a group without failures never aborts its signal', async () => {
    const group = new ex.TaskGroup();
    void group.createTask(stubborn(100, 'ok'));
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(done.outcome(), `the disposer ${describeOutcome(done.outcome())}`).toEqual({ resolved: undefined, at: 100 });
    expect(group.signal.aborted, 'nothing failed: the signal should never be aborted').toBe(false);
  });
});

describe('collecting the errors', () => {
  test('rejects with an ExceptionGroup, with its default message, even for a single failure', points(2, { section: lesson.errors, hint: 'Always reject with `new ExceptionGroup(errors)`, even when `errors` holds one error.' }), async () => {
    const boom = new Error('boom');
    const outcome = track(ex.taskGroup((tg) => void tg.createTask(failsAfter(100, boom))));
    await clock.advance(100);
    const errors = errorsOf(outcome, 'one task failed');
    expect(listed(errors), 'a single failure is still wrapped').toBe(listed([boom]));
    const group = outcome.value() as AggregateError;
    expect(group.message, 'the ExceptionGroup should have its default message').toBe('unhandled errors in a TaskGroup');
    expect(group.name, "the ExceptionGroup's name").toBe('ExceptionGroup');
    expect(listed([...(group as AggregateError & { exceptions: readonly unknown[] }).exceptions]), "the ExceptionGroup's `exceptions`, Python's name for `errors`").toBe(listed([boom]));
  });

  test('errors are in the order they happened, not the order the tasks were created', points(2, { section: lesson.errors }), async () => {
    const [late, early, middle] = [new Error('late'), new Error('early'), new Error('middle')];
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(failsAfter(300, late));
        tg.createTask(failsAfter(100, early));
        tg.createTask(failsAfter(200, middle));
      }),
    );
    await clock.advance(300);
    expect(listed(errorsOf(outcome, 'three stubborn tasks failed at 300, 100 and 200 ms')), 'the errors, in the order they happened').toBe(listed([early, middle, late]));
  });

  test('failures of any value are collected as they are: undefined, a string, an object', async () => {
    const object = { code: 42 };
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(failsAfter(100, undefined));
        tg.createTask(failsAfter(200, 'a string'));
        tg.createTask(failsAfter(300, object));
        tg.createTask(failsAfter(400, null));
      }),
    );
    await clock.advance(400);
    const errors = errorsOf(outcome, 'tasks failed with undefined, a string, an object and null');
    expect(listed(errors), 'the errors, as they are').toBe(listed([undefined, 'a string', object, null]));
    expect(errors[2], 'the object should be the very one the task rejected with').toBe(object);
  });

  test('an error thrown by the body is a failure: it aborts the tasks and the group rejects with it', points(3, { section: lesson.forms }), async () => {
    const bodyError = new Error('the body failed');
    let slow: ReturnType<typeof cooperativeProbe> | undefined;
    let signal: AbortSignal | undefined;
    const outcome = track(
      ex.taskGroup(async (tg) => {
        signal = tg.signal;
        slow = cooperativeProbe(tg, 5000);
        await sleep(100);
        throw bodyError;
      }),
    );
    await clock.advance(100);
    expect(signal?.reason, 'the body failed at 100 ms: the signal should be aborted with its error').toBe(bodyError);
    expect(slow?.stoppedAt(), 'the cooperative task should stop at 100 ms').toBe(100);
    expect(listed(errorsOf(outcome, 'the body threw')), 'the errors of the group').toBe(listed([bodyError]));
    expect(outcome.settledAt(), 'the group should reject at 100 ms').toBe(100);
  });

  test('a synchronous throw of the body is a failure too, and taskGroup does not throw', async () => {
    const bodyError = new Error('thrown at once');
    let pending: Promise<unknown> | undefined;
    let slow: ReturnType<typeof cooperativeProbe> | undefined;
    expect(() => {
      pending = ex.taskGroup((tg) => {
        slow = cooperativeProbe(tg, 5000);
        throw bodyError;
      });
    }, 'taskGroup should not throw: the body\'s throw is a failure of the group').not.toThrow();
    const outcome = track(pending!);
    await clock.settle();
    expect(slow?.signal.aborted, "the body's throw should abort the signal").toBe(true);
    expect(outcome.outcome() !== 'pending' && outcome.settledAt(), 'the group should reject at 0 ms').toBe(0);
    expect(listed(errorsOf(outcome, 'the body threw synchronously')), 'the errors of the group').toBe(listed([bodyError]));
  });

  test("the body's error takes its place in time, not the last place as in asyncio", points(2, { section: lesson.errors, hint: 'Collect the body’s error when its promise rejects, as you do for a task, not after the tasks have finished.' }), async () => {
    const [taskError, bodyError] = [new Error('task failed at 300 ms'), new Error('body failed at 100 ms')];
    const outcome = track(
      ex.taskGroup(async (tg) => {
        tg.createTask(failsAfter(300, taskError));
        await sleep(100);
        throw bodyError;
      }),
    );
    await clock.advance(300);
    expect(listed(errorsOf(outcome, 'the body failed at 100 ms, a stubborn task at 300 ms')), 'the errors, in the order they happened').toBe(listed([bodyError, taskError]));
  });

  test('a body that awaits a failed task and lets its error go on adds it only once', points(2, { section: lesson.cancelled }), async () => {
    const [first, second] = [new Error('first'), new Error('second')];
    const outcome = track(
      ex.taskGroup(async (tg) => {
        tg.createTask(failsAfter(100, first));
        const task = tg.createTask(failsAfter(200, second));
        await task; // rejects at 200 ms with `second`, which the group has already collected
      }),
    );
    await clock.advance(200);
    expect(listed(errorsOf(outcome, 'two tasks failed, and the body rethrew the second')), 'the errors, each once').toBe(listed([first, second]));
  });

  test('the same error thrown by two tasks is collected once', async () => {
    const shared = new Error('shared');
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(failsAfter(100, shared));
        tg.createTask(failsAfter(200, shared));
      }),
    );
    await clock.advance(200);
    expect(listed(errorsOf(outcome, 'two tasks failed with the same error object')), 'the errors').toBe(listed([shared]));
  });
});

describe('cancelled is not failed', () => {
  test('tasks that stop with signal.reason after the abort are cancelled, not failed', points(3, { section: lesson.cancelled, hint: 'Once the signal is aborted, a rejection with `signal.reason` itself is a cancellation: do not collect it.' }), async () => {
    const boom = new Error('boom');
    const group = new ex.TaskGroup();
    const probes = [cooperativeProbe(group, 1000), cooperativeProbe(group, 2000)];
    void group.createTask(failsAfter(100, boom)).catch(() => {});
    // A task that catches the abort and rethrows the reason itself, a moment later.
    void group
      .createTask(async (signal) => {
        try {
          await sleep(5000, signal);
        } catch {
          await sleep(50);
          throw signal.reason;
        }
      })
      .catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(150);
    expect(probes.map((probe) => probe.stoppedAt()), 'both cooperative tasks should stop at 100 ms').toEqual([100, 100]);
    expect(listed(errorsOf(done, 'one failure, three cancelled tasks')), 'the errors: only the failure').toBe(listed([boom]));
    expect(done.settledAt(), 'the group should settle at 150 ms, when the last task stopped').toBe(150);
  });

  test("a task that stops with an error whose cause is signal.reason is cancelled (Node's AbortError)", points(2, { section: lesson.cancelled }), async () => {
    const boom = new Error('boom');
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(async (signal) => {
          await new Promise<void>((_, reject) => {
            signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted', 'AbortError')), { once: true });
          }).catch(() => {
            const error = new Error('The operation was aborted', { cause: signal.reason });
            error.name = 'AbortError';
            throw error;
          });
        });
        tg.createTask(failsAfter(100, boom));
      }),
    );
    await clock.advance(100);
    expect(listed(errorsOf(outcome, 'one failure, and a task that stopped with an AbortError caused by the reason')), 'the errors: only the failure').toBe(listed([boom]));
  });

  test("a cancelled task's own promise still rejects with what fn rejected with", points(2, { section: lesson.cancelled, hint: "Not collecting a cancellation is the group's business: the promise createTask returns still settles as fn's does, and rejects with the very same error." }), async () => {
    const boom = new Error('boom');
    const group = new ex.TaskGroup();
    const withReason = track(group.createTask(cooperative(5000, 'never')));
    let wrapped: Error | undefined;
    const withCause = track(
      group.createTask(async (signal) => {
        await sleep(5000, signal).catch(() => {
          wrapped = new Error('The operation was aborted', { cause: signal.reason });
          throw wrapped;
        });
      }),
    );
    void group.createTask(failsAfter(100, boom)).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(withReason.outcome(), `a task cancelled with signal.reason: its promise ${describeOutcome(withReason.outcome())}`).toEqual({ rejected: boom, at: 100 });
    expect(withReason.value(), "the cancelled task's promise should reject with signal.reason itself").toBe(boom);
    expect(withCause.state(), `a task cancelled with an Error whose cause is the reason: its promise ${describeOutcome(withCause.outcome())}`).toBe('rejected');
    expect(withCause.value(), "that task's promise should reject with the very error fn rejected with").toBe(wrapped);
    expect(listed(errorsOf(done, 'one failure, two cancelled tasks')), 'the errors: only the failure').toBe(listed([boom]));
  });

  test('before any abort, a rejection with undefined is a failure, not a cancellation', points(2, { section: lesson.cancelled, hint: 'Check `signal.aborted` before you compare with `signal.reason`: until the abort, the reason is `undefined` too.' }), async () => {
    const group = new ex.TaskGroup();
    const slow = cooperativeProbe(group, 5000);
    void group.createTask(failsAfter(100, undefined)).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(slow.signal.aborted, 'a rejection with undefined while the signal is not aborted is a failure: it should abort the signal').toBe(true);
    expect(listed(errorsOf(done, 'a task failed with undefined')), 'the errors').toBe(listed([undefined]));
  });

  test('an error whose cause is some other error is a failure, even after the abort', async () => {
    const boom = new Error('boom');
    const wrapped = new Error('could not save', { cause: new Error('disk full') });
    const unrelated = new Error('no cause at all');
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(failsAfter(100, boom));
        tg.createTask(failsAfter(200, wrapped));
        tg.createTask(failsAfter(300, unrelated));
      }),
    );
    await clock.advance(300);
    expect(listed(errorsOf(outcome, 'three tasks failed, two of them after the abort')), 'the errors').toBe(listed([boom, wrapped, unrelated]));
  });

  test('a plain object whose cause is signal.reason is a failure: only an Error with that cause is a cancellation', async () => {
    const boom = new Error('boom');
    let plain: { cause: unknown } | undefined;
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(async (signal) => {
          await sleep(5000, signal).catch(() => {});
          plain = { cause: signal.reason };
          throw plain;
        });
        tg.createTask(failsAfter(100, boom));
      }),
    );
    await clock.advance(100);
    expect(listed(errorsOf(outcome, 'a failure, then a task that rejected with a plain object whose cause is the reason')), 'the errors').toBe(listed([boom, plain]));
  });

  test('a task that fails with its own error after the abort is collected', points(2, { section: lesson.cancelled }), async () => {
    const boom = new Error('boom');
    const cleanup = new Error('failed while cleaning up');
    const outcome = track(
      ex.taskGroup((tg) => {
        tg.createTask(async (signal) => {
          try {
            await sleep(5000, signal);
          } catch {
            await sleep(500);
            throw cleanup;
          }
        });
        tg.createTask(failsAfter(100, boom));
      }),
    );
    await clock.advance(600);
    expect(listed(errorsOf(outcome, 'a failure, then a task that failed while cleaning up')), 'the errors').toBe(listed([boom, cleanup]));
    expect(outcome.settledAt(), 'the group should reject at 600 ms').toBe(600);
  });
});

describe('refusing new tasks', () => {
  test("refuses with 'shutting down' from the first failure until the group finishes", points(3, { section: lesson.closed }), async () => {
    const group = new ex.TaskGroup();
    void group.createTask(stubborn(1000, 'still running'));
    void group.createTask(failsAfter(100, new Error('boom'))).catch(() => {});
    await clock.advance(99);
    const before = refusal(group);
    expect(before.thrown, `nothing has failed yet: createTask should accept a task, but it threw ${show(before.thrown)}`).toBeUndefined();
    await clock.advance(1);
    expectRefused(refusal(group), 'shutting down', 'after the first failure, with a task still running');
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(500);
    expectRefused(refusal(group), 'shutting down', 'after the body ended, with a task still running');
    await clock.advance(400);
    expect(done.settledAt(), 'the group should settle at 1000 ms').toBe(1000);
  });

  test("refuses with 'finished' after a group that failed has finished", points(2, { section: lesson.closed }), async () => {
    const group = new ex.TaskGroup();
    void group.createTask(failsAfter(100, new Error('boom'))).catch(() => {});
    const done = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    expect(done.state(), `the group ${describeOutcome(done.outcome())}`).toBe('rejected');
    expectRefused(refusal(group), 'finished', 'after a failed group has finished');
  });

  test("refuses with 'finished' after taskGroup resolved", async () => {
    let saved: InstanceType<Module['TaskGroup']> | undefined;
    const outcome = track(
      ex.taskGroup((tg) => {
        saved = tg;
        tg.createTask(stubborn(100, 'x'));
      }),
    );
    await clock.advance(100);
    expect(outcome.state(), `the group ${describeOutcome(outcome.outcome())}`).toBe('resolved');
    expect(saved instanceof ex.TaskGroup, 'the body should be given a TaskGroup').toBe(true);
    expectRefused(refusal(saved!), 'finished', 'after taskGroup resolved');
  });
});

describe('the disposer', () => {
  test('the disposer resolves with undefined when nothing failed, every time it is called', async () => {
    const group = new ex.TaskGroup();
    void group.createTask(stubborn(100, 'x'));
    const first = track(group[Symbol.asyncDispose]());
    const second = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    const third = track(group[Symbol.asyncDispose]());
    await clock.settle();
    for (const [name, call] of [['first', first], ['second', second], ['third (after the end)', third]] as const) {
      expect(call.outcome(), `the ${name} disposer call ${describeOutcome(call.outcome())}`).toEqual({ resolved: undefined, at: 100 });
    }
  });

  test('every disposer call rejects with the very same ExceptionGroup, before and after the end', points(2, { hint: 'Make the ExceptionGroup once, when the group finishes, and hand the same outcome to every call.' }), async () => {
    const group = new ex.TaskGroup();
    void group.createTask(failsAfter(100, new Error('boom'))).catch(() => {});
    const first = track(group[Symbol.asyncDispose]());
    const second = track(group[Symbol.asyncDispose]());
    await clock.advance(100);
    const third = track(group[Symbol.asyncDispose]());
    await clock.settle();
    errorsOf(first, 'the first disposer call');
    expect(second.value(), 'the second disposer call should reject with the very same ExceptionGroup').toBe(first.value());
    expect(third.value(), 'a disposer call after the end should reject with the very same ExceptionGroup').toBe(first.value());
  });
});

describe('await using', () => {
  test('await using waits for the tasks at the end of the scope', points(2, { section: lesson.forms }), async () => {
    const log: string[] = [];
    const scope = track(
      (async () => {
        await using tg = new ex.TaskGroup();
        tg.createTask(async () => {
          await sleep(1000);
          log.push(`task done at ${clock.now()}`);
        });
        log.push(`end of the scope at ${clock.now()}`);
      })(),
    );
    await clock.advance(1000);
    expect(inOrder(log), 'what happened').toBe(inOrder(['end of the scope at 0', 'task done at 1000']));
    expect(scope.outcome(), `the scope ${describeOutcome(scope.outcome())}`).toEqual({ resolved: undefined, at: 1000 });
  });

  test('await using: an error in the scope does not abort the tasks, and it comes out after them', points(2, { section: lesson.disposer }), async () => {
    const scopeError = new Error('the scope failed');
    let signal: AbortSignal | undefined;
    const scope = track(
      (async () => {
        await using tg = new ex.TaskGroup();
        signal = tg.signal;
        tg.createTask(stubborn(1000, 'x'));
        throw scopeError;
      })(),
    );
    await clock.advance(999);
    expect(signal?.aborted, 'the disposer never learns of the scope\'s error: the signal should not be aborted').toBe(false);
    expect(scope.state(), 'the scope should wait for its task, which ends at 1000 ms').toBe('pending');
    await clock.advance(1);
    expect(scope.outcome(), `the scope ${describeOutcome(scope.outcome())}`).toEqual({ rejected: scopeError, at: 1000 });
  });

  test('await using: an error in the scope and a failed task give a SuppressedError', async () => {
    const scopeError = new Error('the scope failed');
    const boom = new Error('boom');
    const scope = track(
      (async () => {
        await using tg = new ex.TaskGroup();
        tg.createTask(failsAfter(100, boom));
        throw scopeError;
      })(),
    );
    await clock.advance(100);
    const error = scope.value() as { name?: unknown; error?: unknown; suppressed?: unknown };
    expect(scope.state(), `the scope ${describeOutcome(scope.outcome())}`).toBe('rejected');
    expect(error.name, 'the scope should reject with a SuppressedError').toBe('SuppressedError');
    expect(error.suppressed, "the SuppressedError's suppressed error should be the scope's").toBe(scopeError);
    expect(error.error instanceof ex.ExceptionGroup, "the SuppressedError's error should be the group's ExceptionGroup").toBe(true);
    expect(listed([...(error.error as AggregateError).errors]), 'the errors of the group: the scope\'s error is not among them').toBe(listed([boom]));
  });
});

describe('taskGroup', () => {
  test('taskGroup calls the body once, synchronously, with a TaskGroup', points(2, { section: lesson.forms }), async () => {
    const calls: unknown[] = [];
    const outcome = track(
      ex.taskGroup((tg) => {
        calls.push(tg);
        return 'value';
      }),
    );
    expect(calls.length, 'the body should have been called once, before taskGroup returned').toBe(1);
    expect(calls[0] instanceof ex.TaskGroup, 'the body should be given a TaskGroup').toBe(true);
    await clock.settle();
    expect(calls.length, 'the body should be called exactly once').toBe(1);
    expect(outcome.outcome(), `taskGroup ${describeOutcome(outcome.outcome())}`).toEqual({ resolved: 'value', at: 0 });
  });

  test("resolves with the body's value, whether the body is async or not", async () => {
    const syncBody = track(
      ex.taskGroup((tg) => {
        tg.createTask(stubborn(100, 'x'));
        return { from: 'a plain function' };
      }),
    );
    const asyncBody = track(
      ex.taskGroup(async (tg) => {
        const task = tg.createTask(stubborn(100, 'from the task'));
        await sleep(50);
        return `${await task}, via an async body`;
      }),
    );
    await clock.advance(100);
    expect(syncBody.outcome(), `taskGroup with a plain body ${describeOutcome(syncBody.outcome())}`).toEqual({ resolved: { from: 'a plain function' }, at: 100 });
    expect(asyncBody.outcome(), `taskGroup with an async body ${describeOutcome(asyncBody.outcome())}`).toEqual({ resolved: 'from the task, via an async body', at: 100 });
  });

  test('the body can watch tg.signal to stop early', async () => {
    const boom = new Error('boom');
    const gate = deferred<void>();
    const outcome = track(
      ex.taskGroup(async (tg) => {
        tg.createTask(failsAfter(100, boom));
        tg.signal.addEventListener('abort', () => gate.resolve(), { once: true });
        await gate.promise;
        return 'stopped early';
      }),
    );
    await clock.advance(100);
    expect(listed(errorsOf(outcome, 'a task failed, and the body stopped when the signal aborted')), 'the errors').toBe(listed([boom]));
    expect(outcome.settledAt(), 'the group should reject at 100 ms').toBe(100);
  });
});
