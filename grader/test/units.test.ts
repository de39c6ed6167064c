// Unit tests of the grader's small pieces.
import { describe, expect, test } from 'vitest';
import { selectExercises, suggestionsFor } from '../src/catalogue.ts';
import { progressBar } from '../src/format.ts';
import { TIMEOUT_MESSAGE, describeFailure } from '../src/messages.ts';

describe('selecting exercises', () => {
  test('no filter selects every exercise in course order', () => {
    const ids = selectExercises([]).map((e) => e.id);
    expect(ids[0]).toBe('01-event-loop/event-order');
    expect(ids).toContain('02-coroutines/lazy');
  });

  test.each([
    ['sleep', ['01-event-loop/sleep']],
    ['01-event-loop/sleep', ['01-event-loop/sleep']],
    ['exercises/01-event-loop/sleep.ts', ['01-event-loop/sleep']],
    ['02', ['02-coroutines/promisify', '02-coroutines/lazy']],
    ['02-coroutines/', ['02-coroutines/promisify', '02-coroutines/lazy']],
    ['nothing-like-this', []],
  ])('the filter %s selects %j', (filter, ids) => {
    expect(selectExercises([filter]).map((e) => e.id)).toEqual(ids);
  });

  test('a misspelt name gets a suggestion', () => {
    expect(suggestionsFor('slep')).toEqual(['01-event-loop/sleep']);
  });
});

describe('failure messages', () => {
  test('keep the error message and drop stack lines, code frames and spec paths', () => {
    const message = describeFailure(
      {
        name: 'AssertionError',
        message: 'expected 1 to be 0\n  at /repo/grader/specs/01-event-loop/sleep.spec.ts:12:5\n 12 |   expect(clock.pendingTimers()).toBe(0)\n    |   ^',
      },
      '/repo/exercises',
    );
    expect(message).toBe('expected 1 to be 0');
  });

  test('show the error class when it is not a plain Error', () => {
    expect(describeFailure({ name: 'TypeError', message: 'x is not a function' }, '/t')).toBe('TypeError: x is not a function');
  });

  test('turn vitest’s test timeout into the course’s time-out message', () => {
    expect(describeFailure({ name: 'Error', message: 'Test timed out in 5000ms.' }, '/t')).toBe(TIMEOUT_MESSAGE);
  });

  test('show paths into the target relative to the current directory', () => {
    expect(describeFailure({ name: 'Error', message: `boom in ${process.cwd()}/exercises/a.ts` }, `${process.cwd()}/exercises`)).toBe('boom in exercises/a.ts');
  });
});

describe('the progress bar', () => {
  test.each([
    [0, '[░░░░░░░░░░]'],
    [0.5, '[█████░░░░░]'],
    [1, '[██████████]'],
  ])('at %f of the way reads %s', (fraction, bar) => {
    expect(progressBar(fraction, 10)).toBe(bar);
  });
});
