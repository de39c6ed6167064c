// Visible tests for task-group: a few examples to run with `npm run check -- task-group` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ExceptionGroup, TaskGroup, TaskGroupClosedError, taskGroup } from './task-group.ts';

// Fake timers: time moves only when the test says so, so a 2 s fetch takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Resolves with `value` after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
function fetchAfter<T>(ms: number, value: T, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(value), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** Fails with `error` after `ms`. */
function failAfter(ms: number, error: unknown): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

test('two 2 s tasks take 2 s together, and the group resolves with the body’s value', async () => {
  const group = taskGroup(async (tg) => {
    const first = tg.createTask((signal) => fetchAfter(2000, 'Data Fetched', signal));
    const second = tg.createTask((signal) => fetchAfter(2000, 'Data Fetched', signal));
    return [await first, await second];
  });
  await vi.advanceTimersByTimeAsync(2000);
  await expect(group).resolves.toEqual(['Data Fetched', 'Data Fetched']);
});

test('waits for a task that the body never awaits', async () => {
  let finished = false;
  const group = taskGroup((tg) => {
    tg.createTask(async (signal) => {
      await fetchAfter(1000, 'x', signal);
      finished = true;
    });
    return 'body done';
  });
  await vi.advanceTimersByTimeAsync(999);
  expect(finished).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await expect(group).resolves.toBe('body done');
  expect(finished).toBe(true);
});

test('the first failure aborts the other tasks, and the group rejects with an ExceptionGroup', async () => {
  const boom = new Error('boom');
  let slowSignal: AbortSignal | undefined;
  const group = taskGroup((tg) => {
    tg.createTask((signal) => {
      slowSignal = signal;
      return fetchAfter(5000, 'slow', signal);
    });
    tg.createTask(() => failAfter(100, boom));
  });
  // Attach the expectation before moving time, so the rejection is handled when it happens.
  const rejected = expect(group).rejects.toBeInstanceOf(ExceptionGroup);
  await vi.advanceTimersByTimeAsync(100);
  await rejected;
  expect(slowSignal?.aborted).toBe(true);
  await expect(group).rejects.toMatchObject({ errors: [boom] });
});

test('an error thrown by the body is a failure too', async () => {
  const bodyError = new Error('the body failed');
  const group = taskGroup(async (tg) => {
    tg.createTask((signal) => fetchAfter(5000, 'slow', signal));
    throw bodyError;
  });
  const rejected = expect(group).rejects.toMatchObject({ errors: [bodyError] });
  await vi.advanceTimersByTimeAsync(0);
  await rejected;
});

test('a task that ignores its signal is still waited for', async () => {
  const group = taskGroup((tg) => {
    tg.createTask(() => new Promise((resolve) => setTimeout(resolve, 3000))); // never looks at its signal
    tg.createTask(() => failAfter(100, new Error('boom')));
  });
  let settled = false;
  group.catch(() => {}).finally(() => (settled = true));
  await vi.advanceTimersByTimeAsync(2999);
  expect(settled).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(settled).toBe(true);
});

test('refuses a task once the group has finished', async () => {
  let group: TaskGroup | undefined;
  await taskGroup((tg) => {
    group = tg;
  });
  expect(() => group!.createTask(() => 'too late')).toThrow(TaskGroupClosedError);
});

test('await using: the group waits for its tasks at the end of the scope', async () => {
  const log: string[] = [];
  const scope = (async () => {
    await using tg = new TaskGroup();
    tg.createTask(async (signal) => log.push(await fetchAfter(1000, 'task done', signal)));
    log.push('end of the scope');
  })();
  scope.catch(() => {}); // handled now, so a failure waits for the `await` below
  await vi.advanceTimersByTimeAsync(1000);
  await scope;
  expect(log).toEqual(['end of the scope', 'task done']);
});
