// Visible tests for lost-error: a few examples to run with `npm run check -- lost-error` or in
// `npm run ui`. Read them, change them, add your own. Passing them does not promise a full grade:
// the grader runs more tests than these.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { type Database, importAll } from './lost-error.ts';

// Fake timers: time moves only when the test says so, so a 100 ms insert takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake database: connecting takes 50 ms; inserting takes 100 ms and fails for the record 'bad'. */
function fakeDb(stored: string[]): Database<string> {
  const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    connect: () => after(50),
    insert: async (record) => {
      await after(100);
      if (record === 'bad') throw new Error(`cannot insert ${record}`);
      stored.push(record);
    },
  };
}

test('resolves only once every record is stored', async () => {
  const stored: string[] = [];
  let done = false;
  void importAll(fakeDb(stored), ['a', 'b', 'c']).then(() => (done = true));
  await vi.advanceTimersByTimeAsync(149);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(done).toBe(true);
  expect(stored).toEqual(['a', 'b', 'c']);
});

test('a failed insert reaches the caller', async () => {
  const importing = importAll(fakeDb([]), ['a', 'bad', 'c']);
  const rejected = expect(importing).rejects.toThrow('cannot insert bad'); // attach before time moves
  await vi.advanceTimersByTimeAsync(150);
  await rejected;
});
