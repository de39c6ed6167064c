// Visible tests for yielding-loop: a few examples to run with `npm run check -- yielding-loop` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
//
// These tests use the real event loop (no fake timers): the exercise is about its turns.
import { expect, test } from 'vitest';
import { processInChunks, yieldToEventLoop } from './yielding-loop.ts';

test('resolves with the results in input order', async () => {
  const squares = await processInChunks([1, 2, 3, 4, 5, 6, 7], (n) => n * n, { chunkSize: 3 });
  expect(squares).toEqual([1, 4, 9, 16, 25, 36, 49]);
});

test('yieldToEventLoop is not `await Promise.resolve()`: microtasks alone do not settle it', async () => {
  let resolved = false;
  void yieldToEventLoop().then(() => {
    resolved = true;
  });
  for (let i = 0; i < 100; i++) await Promise.resolve(); // 100 microtasks, no turn of the loop
  expect(resolved).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 10)); // a few real turns of the loop
  expect(resolved).toBe(true);
});

test('a setImmediate queued before the call runs between two chunks, not after all of them', async () => {
  let processed = 0;
  let seenByImmediate: number | undefined;
  setImmediate(() => {
    seenByImmediate = processed;
  });
  await processInChunks(Array.from({ length: 100 }, (_, i) => i), () => processed++, { chunkSize: 10 });
  // It ran after the first chunk (10 items) or the second (20), depending on the loop's phase.
  expect([10, 20]).toContain(seenByImmediate);
});

test('rejects with the error fn throws, and processes no further item', async () => {
  const processed: number[] = [];
  const working = processInChunks(
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    (n) => {
      processed.push(n);
      if (n === 4) throw new Error(`cannot process ${n}`);
      return n;
    },
    { chunkSize: 3 },
  );
  await expect(working).rejects.toThrow('cannot process 4');
  expect(processed).toEqual([0, 1, 2, 3, 4]);
});
