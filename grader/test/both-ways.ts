// The two-way check of the hidden specs against candidate solutions, shared by the test files that
// run it: every plausible wrong solution in grader/wrong/ loses points (at least 8 per exercise),
// every correct alternative in grader/right/ scores full marks (at least 2 per exercise).
//
// The wrong solutions are many, and each takes a grader run: the files that check them take a
// share of the rounds each (candidates.ts), so that vitest runs them side by side.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { exercises } from '../src/catalogue.ts';
import type { ExerciseReport } from '../src/score.ts';
import { type Candidate, type CandidateKind, candidates, gradeCandidates } from '../tools/candidates.ts';

const MINIMUM: Record<CandidateKind, number> = { wrong: 8, right: 2 };

/** Of the rounds of candidates, the ones with `round % of === part`. */
export interface Share {
  readonly part: number;
  readonly of: number;
}

export function describeCandidates(kind: CandidateKind, share: Share = { part: 0, of: 1 }): void {
  const minimum = MINIMUM[kind];
  const verdict = kind === 'wrong' ? 'loses points' : 'scores full marks';
  const all = candidates(kind);
  const list = all.filter((candidate) => candidate.round % share.of === share.part);
  const results = new Map<Candidate, ExerciseReport>();

  describe(share.of === 1 ? `${kind} solutions` : `${kind} solutions, part ${share.part + 1} of ${share.of}`, () => {
    beforeAll(async () => {
      for (const { candidate, result } of await gradeCandidates(list)) results.set(candidate, result);
    });

    if (share.part === 0) {
      test.each(exercises.map((exercise) => exercise.id))(`%s has at least ${minimum} ${kind} solutions`, (id) => {
        expect(all.filter((candidate) => candidate.exercise.id === id).length).toBeGreaterThanOrEqual(minimum);
      });
    }

    test.each(list.map((candidate) => [`${candidate.exercise.id}/${candidate.name}`, candidate] as const))(`%s ${verdict}`, (_, candidate) => {
      const report = results.get(candidate)!;
      expect(report.status, 'the file should load').not.toBe('load-error');
      if (kind === 'wrong') {
        expect(report.points, 'a wrong solution must lose points').toBeLessThan(report.maxPoints);
      } else {
        const failures = report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`);
        expect(failures).toEqual([]);
        expect(report.points).toBe(report.maxPoints);
      }
    });

    if (kind === 'wrong') {
      // What a learner reads for a failing test says what was checked, in their terms, then what the
      // code did: never an assertion library's bare sentence ("expected [ …(2) ] to deeply equal …").
      test('every failure message of a wrong solution says what was checked, in the learner’s terms', () => {
        const raw = /(^|: )expected .+ (not )?to (not )?(be|equal|deeply equal|strictly equal|have|include|contain|throw|match|satisfy)\b|expect\(received\)/;
        const unexplained = /^(got |it threw |it did not throw|the check failed|the lists differ)/;
        const bad = [...results].flatMap(([candidate, report]) =>
          report.tests
            .filter((t) => t.status === 'failed' && t.message !== undefined && (raw.test(t.message) || unexplained.test(t.message)))
            .map((t) => `${candidate.exercise.id}/${candidate.name} › ${t.name}: ${t.message!.split('\n')[0]}`),
        );
        expect(bad).toEqual([]);
      });
    }

    test(`every ${kind} solution starts with one line saying what it does`, () => {
      const prefix = kind === 'wrong' ? '// Wrong: ' : '// Right: ';
      const unexplained = list.filter((candidate) => !readFileSync(candidate.file, 'utf8').startsWith(prefix)).map((candidate) => candidate.file);
      expect(unexplained).toEqual([]);
    });
  });
}
