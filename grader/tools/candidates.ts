// The candidate solutions that check the hidden specs from the outside: the plausible wrong ones
// in grader/wrong/ (each must lose points) and the correct alternatives in grader/right/ (each
// must score full marks). The test suite and `npm run determinism` both grade them through here.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Exercise, exercises, files, repoRoot } from '../src/catalogue.ts';
import { grade } from '../src/commands/grade.ts';
import type { ExerciseReport } from '../src/score.ts';

export type CandidateKind = 'wrong' | 'right';

export interface Candidate {
  readonly kind: CandidateKind;
  readonly exercise: Exercise;
  /** File name in its folder: `leaks-timer.ts`. */
  readonly name: string;
  readonly file: string;
  /** Candidates are graded in rounds: round k holds the k-th candidate of every exercise. */
  readonly round: number;
}

export function candidates(kind: CandidateKind): Candidate[] {
  return exercises.flatMap((exercise) => {
    const dir = kind === 'wrong' ? files.wrongSolutions(exercise) : files.rightSolutions(exercise);
    const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts')).sort() : [];
    return names.map((name, round) => ({ kind, exercise, name, file: path.join(dir, name), round }));
  });
}

export interface Round {
  readonly round: number;
  readonly candidates: readonly Candidate[];
  /** A target tree: the reference solutions with this round's candidates written over them. */
  readonly target: string;
}

/**
 * Groups candidates into rounds, one target tree each, so that a handful of grader runs covers
 * them all: grade `round.target` filtered to `round.candidates`' exercises.
 */
export function rounds(list: readonly Candidate[]): Round[] {
  const numbers = [...new Set(list.map((candidate) => candidate.round))].sort((a, b) => a - b);
  return numbers.map((round) => {
    const inRound = list.filter((candidate) => candidate.round === round);
    const target = makeTarget(Object.fromEntries(inRound.map((candidate) => [`${candidate.exercise.id}.ts`, readFileSync(candidate.file, 'utf8')])));
    return { round, candidates: inRound, target };
  });
}

/** A fresh temporary folder laid out like exercises/: a copy of `base` with `files` written over it. */
export function makeTarget(overrides: Record<string, string> = {}, base: string = path.join(repoRoot, 'solutions')): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-target-'));
  cpSync(base, dir, { recursive: true });
  for (const [relative, content] of Object.entries(overrides)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

export interface GradedCandidate {
  readonly candidate: Candidate;
  readonly result: ExerciseReport;
}

/**
 * Grades every candidate of `list`, round by round, a few rounds at a time: each round is a
 * vitest process with workers of its own, so running them all at once would only make them
 * fight over the cores.
 */
export async function gradeCandidates(list: readonly Candidate[], parallel = Math.max(1, Math.ceil(os.availableParallelism() / 2))): Promise<GradedCandidate[]> {
  const pending = rounds(list);
  const graded: GradedCandidate[] = [];
  const worker = async () => {
    for (let round = pending.shift(); round; round = pending.shift()) {
      const report = await grade({ filters: round.candidates.map((c) => c.exercise.id), target: round.target, timeoutSeconds: 30, quiet: true });
      for (const candidate of round.candidates) graded.push({ candidate, result: report.exercises.find((e) => e.id === candidate.exercise.id)! });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return graded;
}
