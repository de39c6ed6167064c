// Unit tests of the grader's small pieces.
import { describe, expect, test } from 'vitest';
import { selectExercises, suggestionsFor } from '../src/catalogue.ts';
import { progressBar } from '../src/format.ts';
import { TIMEOUT_MESSAGE, describeFailure } from '../src/messages.ts';
import { type Mutant, parseEquivalents, scoreMutants, totalCounts } from '../tools/mutation/score.ts';

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

  test('write zero as 0, not as vitest’s +0', () => {
    expect(describeFailure({ name: 'AssertionError', message: 'timers left: expected 1 to be +0' }, '/t')).toBe('timers left: expected 1 to be 0');
  });

  test('keep a line of the message that starts with "at" when it is not a stack line', () => {
    const message = describeFailure({ name: 'AssertionError', message: 'resolved too early\nat 199 ms, one ms before the timer\n    at run (file:///x/sleep.ts:3:9)' }, '/t');
    expect(message).toBe('resolved too early\nat 199 ms, one ms before the timer');
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

describe('mutation scores', () => {
  const mutant = (location: string, status: Mutant['status'], replacement = '{}'): Mutant => ({ location, mutator: 'BlockStatement', replacement, status });

  test('score = (killed + timed out) / (mutants − equivalent), counting only mutants that ran', () => {
    const { counts } = scoreMutants(
      [mutant('1:1', 'Killed'), mutant('2:1', 'Timeout'), mutant('3:1', 'Survived'), mutant('4:1', 'NoCoverage'), mutant('5:1', 'CompileError'), mutant('6:1', 'Survived')],
      [{ location: '6:1', replacement: '{}', why: 'both branches return the same value' }],
    );
    expect(counts).toEqual({ mutants: 5, killed: 1, survived: 1, timedOut: 1, noCoverage: 1, equivalent: 1, score: 2 / 4 });
  });

  test('an equivalent entry matches location and replacement, and one that matches no survivor is stale', () => {
    const entry = { location: '3:1', replacement: 'false', why: 'the flag is read only after it is set again' };
    const scored = scoreMutants([mutant('3:1', 'Survived', 'true'), mutant('7:2', 'Killed', 'false')], [entry]);
    expect(scored.counts.equivalent).toBe(0);
    expect(scored.survivors.map((m) => m.location)).toEqual(['3:1']);
    expect(scored.staleEquivalents).toEqual([entry]);
  });

  test('the total adds the counts and recomputes the score', () => {
    const a = scoreMutants([mutant('1:1', 'Killed'), mutant('2:1', 'Survived')], []).counts;
    const b = scoreMutants([mutant('1:1', 'Killed'), mutant('2:1', 'Killed')], []).counts;
    expect(totalCounts([a, b])).toMatchObject({ mutants: 4, killed: 3, survived: 1, score: 0.75 });
    expect(totalCounts([]).score).toBe(1);
  });

  test('an equivalent file with a bad entry is refused with a message naming it', () => {
    expect(() => parseEquivalents('{}', 'x.equivalent.json')).toThrow('x.equivalent.json must hold a JSON array');
    expect(() => parseEquivalents('[{"location":"12","replacement":"","why":"because it is so"}]', 'x.json')).toThrow('entry 1: "location" must be "line:column"');
    expect(() => parseEquivalents('[{"location":"1:2","replacement":""}]', 'x.json')).toThrow('"why" must say');
  });
});
