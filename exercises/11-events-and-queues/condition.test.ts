// Visible tests for Condition: a few examples to run with `npm run check -- condition` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Condition, Lock, RuntimeError } from './condition.ts';

// Fake timers: time moves only when the test says so, so a 100 ms delivery takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('wait lets go of the lock, and holds it again when it resolves', async () => {
  const cond = new Condition();
  const seen: string[] = [];
  await cond.acquire();
  const waiting = cond.wait().then(() => seen.push(`woke up, locked() = ${cond.locked()}`));
  expect(cond.locked()).toBe(false); // wait() let go of the lock at once
  await cond.acquire(); // so someone else can take it...
  cond.notify(); // ...and notify the waiter, which wakes up only once the lock is free again
  await vi.advanceTimersByTimeAsync(0);
  expect(seen).toEqual([]);
  cond.release();
  await waiting;
  expect(seen).toEqual(['woke up, locked() = true']);
  cond.release(); // the waiter holds the lock: it lets go of it
  expect(cond.locked()).toBe(false);
});

test('notify wakes waiters one at a time, first come first served; notifyAll wakes the rest', async () => {
  const cond = new Condition();
  const woken: string[] = [];
  const waiter = (name: string) =>
    cond.runExclusive(async () => {
      await cond.wait();
      woken.push(name);
    });
  const all = [waiter('a'), waiter('b'), waiter('c')];
  await vi.advanceTimersByTimeAsync(0); // all three wait
  await cond.runExclusive(() => cond.notify());
  await vi.advanceTimersByTimeAsync(0);
  expect(woken).toEqual(['a']);
  await cond.runExclusive(() => cond.notifyAll());
  await Promise.all(all);
  expect(woken).toEqual(['a', 'b', 'c']);
});

test('waitFor checks its predicate at once and after each wake-up, and resolves with its value', async () => {
  const cond = new Condition();
  const stock: string[] = [];
  let checks = 0;
  const buyer = cond.runExclusive(() =>
    cond.waitFor(() => {
      checks++;
      return stock.length >= 2 && stock.splice(0, 2);
    }),
  );
  const supplier = (async () => {
    for (const item of ['x', 'y']) {
      await sleep(100);
      await cond.runExclusive(() => {
        stock.push(item);
        cond.notifyAll();
      });
    }
  })();
  await vi.advanceTimersByTimeAsync(200);
  await supplier;
  expect(await buyer).toEqual(['x', 'y']);
  expect(checks).toBe(3); // at once, after the first delivery, after the second
});

test('wait, waitFor and notify need the lock held', async () => {
  const cond = new Condition();
  expect(() => cond.notify()).toThrow(RuntimeError);
  expect(() => cond.notifyAll()).toThrow(RuntimeError);
  await expect(cond.wait()).rejects.toThrow(RuntimeError);
  await expect(cond.waitFor(() => true)).rejects.toThrow(RuntimeError);
});

test('an aborted wait rejects with the reason, and holds the lock again first', async () => {
  const cond = new Condition();
  const controller = new AbortController();
  await cond.acquire();
  const gaveUp = cond.wait({ signal: controller.signal }).catch((reason: unknown) => `${String(reason)}, locked() = ${cond.locked()}`);
  await cond.acquire(); // someone else holds the lock when the signal aborts
  controller.abort('stop');
  await vi.advanceTimersByTimeAsync(0);
  let settled = false;
  void gaveUp.then(() => (settled = true));
  await vi.advanceTimersByTimeAsync(0);
  expect(settled).toBe(false); // it waits for the lock before it rejects
  cond.release();
  expect(await gaveUp).toBe('stop, locked() = true');
  cond.release();
});

test('a condition can use a lock it is given, shared with other code', async () => {
  const lock = new Lock();
  const cond = new Condition(lock);
  expect(cond.lock).toBe(lock);
  await lock.acquire();
  expect(cond.locked()).toBe(true);
  cond.notify(); // the lock is held: no error, and nobody to wake
  lock.release();
  expect(cond.locked()).toBe(false);
});
