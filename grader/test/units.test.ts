// Unit tests of the grader's small pieces.
import { describe, expect, test } from 'vitest';
import { selectExercises, suggestionsFor } from '../src/catalogue.ts';
import { progressBar } from '../src/format.ts';
import { rewriteAssertion } from '../src/assertion-text.ts';
import { TIMEOUT_MESSAGE, describeFailure } from '../src/messages.ts';
import { drawTimelines } from '../spec-kit/timeline.ts';
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
    expect(message).toBe('got 1, expected 0');
  });

  test('write zero as 0, not as vitest’s +0', () => {
    expect(describeFailure({ name: 'AssertionError', message: 'timers left: expected 1 to be +0 // Object.is equality' }, '/t')).toBe('timers left: got 1, expected 0');
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

describe('assertion sentences in the learner’s terms', () => {
  test('the spec’s description, then both sides in full rather than as vitest abbreviates them', () => {
    const message = "gather is still pending: expected 'pending' to deeply equal { rejected: Error: boom, …(1) }";
    expect(rewriteAssertion(message, { actual: '"pending"', expected: '{\n  "at": 0,\n  "rejected": [Error: boom],\n}' })).toBe(
      'gather is still pending: got "pending", expected {"at": 0, "rejected": [Error: boom]}',
    );
  });

  test('a true/false check says only what the spec says', () => {
    expect(rewriteAssertion('done() right after setResult: expected false to be true', { actual: 'false', expected: 'true' })).toBe('done() right after setResult');
  });

  test('lists of more than three lines are shown side by side, the first difference marked', () => {
    const list = (...items: string[]) => `[\n${items.map((item) => `  "${item}",\n`).join('')}]`;
    const text = rewriteAssertion('the order: expected [ …(4) ] to deeply equal [ …(4) ]', { actual: list('a', 'c', 'b', 'd'), expected: list('a', 'b', 'c', 'd') });
    expect(text.split('\n')).toEqual([
      'the order:',
      'the lists differ first at line 2 (got 4 lines, expected 4):',
      '        got  expected',
      '     1  "a"  "a"',
      '  ✘  2  "c"  "b"',
      '  ✘  3  "b"  "c"',
      '     4  "d"  "d"',
    ]);
  });

  test.each([
    ["a RangeError: expected 'resolved' to be an instance of RangeError", "a RangeError: got 'resolved', expected an instance of RangeError"],
    ['callbacks: expected [ 1, 2, 3 ] to have a length of 2 but got 3', 'callbacks: got 3 items, expected 2'],
    ["no throw: expected [Function] to not throw an error but 'Error: x' was thrown", "no throw: it threw 'Error: x'"],
    ['should throw: expected [Function] to throw an error', 'should throw: it did not throw'],
    ["the message: expected 'invalid size' to contain 'chunkSize'", "the message: got 'invalid size', which does not include 'chunkSize'"],
    ['reported: expected 0 to be greater than 0', 'reported: got 0, expected more than 0'],
    ['its own signal: expected AbortSignal { aborted: false } not to be AbortSignal { aborted: false }', 'its own signal: got AbortSignal {aborted: false}, expected anything else'],
    ['fires after a chunk: expect(received).toBeOneOf()\n\nExpected value to be one of:\nArray [\n  5,\n  10,\n]\n\nReceived: 6', 'fires after a chunk: got 6, expected 5 or 10'],
    ['a message of the spec’s own', 'a message of the spec’s own'],
  ])('%s', (message, text) => {
    expect(rewriteAssertion(message)).toBe(text);
  });
});

describe('timelines', () => {
  test('draw the expected and the actual schedule on one axis, with each piece’s times', () => {
    const drawing = drawTimelines({ a: [0, 100], b: [0, 100] }, { a: { start: 0, end: 100 }, b: { start: 100, end: 200 } });
    expect(drawing.split('\n')).toEqual([
      `               0 ms${' '.repeat(30)}200 ms`,
      `  expected  a  ${'█'.repeat(20)}${' '.repeat(23)}0–100 ms`,
      `            b  ${'█'.repeat(20)}${' '.repeat(23)}0–100 ms`,
      `  actual    a  ${'█'.repeat(20)}${' '.repeat(23)}0–100 ms`,
      `            b  ${' '.repeat(20)}${'█'.repeat(20)}   100–200 ms`,
    ]);
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
