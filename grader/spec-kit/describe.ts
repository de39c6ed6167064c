// Words for failure messages: a learner reads what their code did and what was expected, in
// full, instead of vitest's shortened `expected [ …(3) ] to deeply equal [ …(3) ]`.
import { inspect } from 'node:util';
import { expect } from 'vitest';
import type { Outcome, Tracked } from './track.ts';

/** A value on one line: an Error as `Error('message')`, an array with its items shown the same way. */
export function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}(${inspect(value.message)})`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return inspect(value, { depth: 1, breakLength: Infinity });
}

/** Fails unless the list `actual` equals `expected` (compared as shown), naming both in full in the message. */
export function expectList(actual: readonly unknown[], expected: readonly unknown[], what: string): void {
  const list = (values: readonly unknown[]) => `[${values.map(show).join(', ')}]`;
  expect(list(actual) === list(expected), `${what} should be ${list(expected)}, but they are ${list(actual)}`).toBe(true);
}

/** How a tracked promise stands, in words: `resolved with ['a', 'b'] at 300 ms`. */
export function describeOutcome(outcome: Outcome<unknown>): string {
  if (outcome === 'pending') return 'is still pending';
  return 'resolved' in outcome ? `resolved with ${show(outcome.resolved)} at ${outcome.at} ms` : `rejected with ${show(outcome.rejected)} at ${outcome.at} ms`;
}

/** The order of events on one line, `a → b → c`, so that two orders can be compared and read in full. */
export function inOrder(events: readonly unknown[]): string {
  return events.map((event) => (typeof event === 'string' ? event : String(event))).join(' → ');
}

/** Fails unless the tracked promise is still pending, saying how it settled instead. */
export function expectPending(outcome: Tracked<unknown>, what: string): void {
  expect(outcome.state(), `${what} should still be pending, but it ${describeOutcome(outcome.outcome())}`).toBe('pending');
}

/** What calling `fn` threw, or 'nothing'. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return 'nothing';
}

/** Fails unless calling `fn` throws an Error of class `cls` (named `className` in the message). */
export function expectThrows(fn: () => unknown, cls: abstract new (...args: never[]) => unknown, className: string, what: string): void {
  const thrown = thrownBy(fn);
  expect(thrown instanceof cls && thrown instanceof Error, `${what} should throw a ${className}, but it ${thrown === 'nothing' ? 'threw nothing' : `threw ${show(thrown)}`}`).toBe(true);
}
