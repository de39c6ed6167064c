// Visible tests for promisify: a few examples to run with `npm run check -- promisify` or in `npm run ui`.
// Read them, change them, add your own. Passing them does not promise a full grade: the grader
// runs more tests than these.
import { afterEach, beforeEach, expect, expectTypeOf, test, vi } from 'vitest';
import { promisify } from './promisify.ts';

// Fake timers: time moves only when the test says so, so a 500 ms callback takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// A callback API in the old Node style: it calls back after 500 ms, with an error for an empty path.
function readConfig(path: string, callback: (error: Error | null, text?: string) => void): void {
  setTimeout(() => {
    if (path === '') callback(new Error('no path given'));
    else callback(null, `contents of ${path}`);
  }, 500);
}

test('resolves with the value the callback receives', async () => {
  const readConfigAsync = promisify(readConfig);
  const reading = readConfigAsync('app.json');
  await vi.advanceTimersByTimeAsync(500);
  await expect(reading).resolves.toBe('contents of app.json');
});

test('rejects with the error the callback receives', async () => {
  const readConfigAsync = promisify(readConfig);
  const reading = readConfigAsync('');
  // Attach the expectation first, then move time: a rejection nobody is waiting for is "unhandled".
  const rejected = expect(reading).rejects.toThrow('no path given');
  await vi.advanceTimersByTimeAsync(500);
  await rejected;
});

test('calls the original function at once, not when the promise is awaited', () => {
  const calls: string[] = [];
  const startJob = (name: string, callback: (error: Error | null) => void): void => {
    calls.push(name);
    setTimeout(() => callback(null), 100);
  };
  void promisify(startJob)('backup');
  expect(calls).toEqual(['backup']);
});

// `npm run typecheck` checks this one's types too: TypeScript works out the parameters and the
// result type from the callback API.
test('keeps the types: readConfig becomes (path: string) => Promise<string>', async () => {
  const readConfigAsync = promisify(readConfig);
  expectTypeOf(readConfigAsync).toEqualTypeOf<(path: string) => Promise<string>>();
  const reading = readConfigAsync('types.json');
  await vi.advanceTimersByTimeAsync(500);
  const text: string = await reading;
  expect(text).toBe('contents of types.json');
});
