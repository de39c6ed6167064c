// Visible tests for lazy: a few examples to run with `npm run check -- lazy` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { expect, test } from 'vitest';
import { lazy } from './lazy.ts';

test('does nothing until it is awaited, then runs fn once however often it is awaited', async () => {
  let calls = 0;
  const answer = lazy(async () => {
    calls++;
    return 42;
  });
  expect(calls).toBe(0); // Created, but not started: like calling an `async def` in Python.

  expect(await answer).toBe(42);
  expect(await answer).toBe(42);
  expect(calls).toBe(1);
});

test('started turns true at the first then, which is what await calls', () => {
  const greeting = lazy(() => 'hello');
  expect(greeting.started).toBe(false);
  void greeting.then((text) => text.toUpperCase());
  expect(greeting.started).toBe(true);
});

test('a failure is kept: every await rejects with the same error, and fn is not run again', async () => {
  let calls = 0;
  const broken = lazy(async () => {
    calls++;
    throw new Error('cannot connect');
  });
  await expect(broken).rejects.toThrow('cannot connect');
  await expect(broken).rejects.toThrow('cannot connect');
  expect(calls).toBe(1);
});
