// Timelines for timing tests: record when each piece of work starts and ends in virtual time, and
// when the schedule is not the expected one, fail with a picture of both on one time axis:
//
//   the three items should run together, not one after another
//     0 ms                                        300 ms
//     expected  a  ██████████████████████████████
//               b  ██████████████████████████████
//     actual    a  ██████████████████████████████
//               b                                ████████████████████████████████…
//
//   const work = timeline(clock);
//   const task = (label: string, ms: number) => () => work.run(label, () => later(ms, label));
//   await gather([task('a', 300), task('b', 300)]) …
//   work.expect({ a: [0, 300], b: [0, 300] }, 'the three items should run together');
import type { VirtualClock } from './virtual-time.ts';

/** When a piece of work started and ended, in virtual ms; no `end` while it is still running. */
export interface Piece {
  readonly start: number;
  readonly end?: number;
}

/** The expected schedule: each label's [start, end] in virtual ms; `end` null for "still running". */
export type Schedule = Readonly<Record<string, readonly [start: number, end: number | null]>>;

export interface Timeline {
  /** Calls `work` as the piece `label`: it starts now and ends when the promise it returns settles. */
  run<T>(label: string, work: () => PromiseLike<T>): Promise<T>;
  /** Marks the start (or the end) of a piece by hand, for work that is not one promise. */
  start(label: string): void;
  end(label: string): void;
  /** What was recorded so far. */
  pieces(): Readonly<Record<string, Piece>>;
  /** Fails, with both timelines drawn, unless every piece started and ended as `expected` says. */
  expect(expected: Schedule, description: string): void;
}

export function timeline(clock: VirtualClock): Timeline {
  const recorded = new Map<string, { start: number; end?: number }>();
  const self: Timeline = {
    async run(label, work) {
      self.start(label);
      try {
        return await work();
      } finally {
        self.end(label);
      }
    },
    start(label) {
      recorded.set(label, { start: clock.now() });
    },
    end(label) {
      const piece = recorded.get(label);
      if (piece && piece.end === undefined) piece.end = clock.now();
    },
    pieces() {
      return Object.fromEntries([...recorded].map(([label, piece]) => [label, { ...piece }]));
    },
    expect(expected, description) {
      const actual = self.pieces();
      const labels = Object.keys(expected);
      const same =
        labels.every((label) => actual[label]?.start === expected[label]![0] && (actual[label]?.end ?? null) === expected[label]![1]) &&
        Object.keys(actual).every((label) => label in expected);
      if (same) return;
      const error = new Error(`${description}\n${drawTimelines(expected, actual, clock.now())}`);
      error.name = 'AssertionError';
      throw error;
    },
  };
  return self;
}

const WIDTH = 40;

/**
 * The expected and the actual schedule drawn one above the other on the same axis. `now`, when
 * given, is the moment of the check: the axis reaches it, and work still running is drawn up to it.
 */
export function drawTimelines(expected: Schedule, actual: Readonly<Record<string, Piece>>, now?: number): string {
  const labels = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  const times = [
    ...Object.values(expected).flatMap(([start, end]) => [start, end ?? start]),
    ...Object.values(actual).flatMap((piece) => [piece.start, piece.end ?? piece.start]),
    ...(now === undefined ? [] : [now]),
  ];
  const last = Math.max(...times, 1);
  const column = (ms: number) => Math.round((ms / last) * WIDTH);
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const bar = (start: number, end: number | undefined): string => {
    const from = column(start);
    const to = end === undefined ? (now === undefined ? WIDTH : Math.max(column(now), from)) : Math.max(column(end), from + 1);
    return `${' '.repeat(from)}${'█'.repeat(to - from)}${end === undefined ? '…' : ''}`;
  };
  const rows = (title: string, pieceOf: (label: string) => Piece | undefined): string[] =>
    labels.map((label, index) => {
      const piece = pieceOf(label);
      const drawn = piece ? bar(piece.start, piece.end) : 'never started';
      const times = piece ? `  ${piece.start}–${piece.end ?? '…'} ms` : '';
      return `  ${(index === 0 ? title : '').padEnd(9)} ${label.padEnd(labelWidth)}  ${drawn.padEnd(WIDTH + 1)}${times}`.trimEnd();
    });
  const axis = `  ${' '.repeat(10 + labelWidth + 2)}0 ms${' '.repeat(Math.max(WIDTH - 4 - String(last).length - 3, 1))}${last} ms`;
  return [
    axis,
    ...rows('expected', (label) => (expected[label] ? { start: expected[label][0], end: expected[label][1] ?? undefined } : undefined)),
    ...rows('actual', (label) => actual[label]),
  ].join('\n');
}
