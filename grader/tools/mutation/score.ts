// Scores one exercise's mutants: counts them by outcome, takes off the ones recorded as
// equivalent in grader/specs/<lesson>/<exercise>.equivalent.json, and points out entries of that
// file that no longer match a surviving mutant. Pure functions, so the rules are unit-tested.

/** One mutant of a reference solution, as Stryker reported it. */
export interface Mutant {
  /** Where the mutated code starts in the solution: `28:48` (line:column, both from 1). */
  readonly location: string;
  readonly mutator: string;
  /** The code Stryker put in place of the original. */
  readonly replacement: string;
  readonly status: 'Killed' | 'Survived' | 'Timeout' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
}

/** An entry of an `.equivalent.json` file. */
export interface EquivalentMutant {
  readonly location: string;
  readonly replacement: string;
  /** One sentence: why no test can tell this mutant apart from the solution. */
  readonly why: string;
}

export interface MutationCounts {
  /** Every mutant that compiled and ran: killed + timedOut + survived + noCoverage + equivalent. */
  mutants: number;
  killed: number;
  /** Surviving mutants that are not recorded as equivalent: each is a clause no test holds. */
  survived: number;
  timedOut: number;
  noCoverage: number;
  /** Surviving mutants recorded as equivalent. */
  equivalent: number;
  /** (killed + timedOut) / (mutants − equivalent), between 0 and 1; 1 when nothing is left to kill. */
  score: number;
}

export interface ExerciseMutationResult extends MutationCounts {
  readonly id: string;
}

export interface ScoredExercise {
  readonly counts: MutationCounts;
  /** Mutants that survived and are not recorded as equivalent. */
  readonly survivors: readonly Mutant[];
  /** Entries of the equivalent file that match no surviving mutant (stale, or now killed). */
  readonly staleEquivalents: readonly EquivalentMutant[];
}

const key = (mutant: { location: string; replacement: string }) => `${mutant.location}\u0000${mutant.replacement}`;

export function scoreMutants(mutants: readonly Mutant[], equivalents: readonly EquivalentMutant[]): ScoredExercise {
  const recorded = new Map(equivalents.map((entry) => [key(entry), entry]));
  const matched = new Set<string>();
  const counts: MutationCounts = { mutants: 0, killed: 0, survived: 0, timedOut: 0, noCoverage: 0, equivalent: 0, score: 1 };
  const survivors: Mutant[] = [];
  for (const mutant of mutants) {
    if (!['Killed', 'Survived', 'Timeout', 'NoCoverage'].includes(mutant.status)) continue;
    counts.mutants++;
    if (mutant.status === 'Killed') counts.killed++;
    else if (mutant.status === 'Timeout') counts.timedOut++;
    else if (recorded.has(key(mutant))) {
      counts.equivalent++;
      matched.add(key(mutant));
    } else {
      survivors.push(mutant);
      if (mutant.status === 'Survived') counts.survived++;
      else counts.noCoverage++;
    }
  }
  counts.score = ratio(counts);
  return { counts, survivors, staleEquivalents: equivalents.filter((entry) => !matched.has(key(entry))) };
}

/** Adds up the counts of several exercises; the score is recomputed, not averaged. */
export function totalCounts(all: readonly MutationCounts[]): MutationCounts {
  const total: MutationCounts = { mutants: 0, killed: 0, survived: 0, timedOut: 0, noCoverage: 0, equivalent: 0, score: 1 };
  for (const counts of all) {
    total.mutants += counts.mutants;
    total.killed += counts.killed;
    total.survived += counts.survived;
    total.timedOut += counts.timedOut;
    total.noCoverage += counts.noCoverage;
    total.equivalent += counts.equivalent;
  }
  total.score = ratio(total);
  return total;
}

function ratio(counts: MutationCounts): number {
  const denominator = counts.mutants - counts.equivalent;
  return denominator === 0 ? 1 : (counts.killed + counts.timedOut) / denominator;
}

/** Reads and checks an `.equivalent.json` file's content; throws a message naming what is wrong. */
export function parseEquivalents(text: string, fileName: string): EquivalentMutant[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error(`${fileName} must hold a JSON array of { location, replacement, why }.`);
  return data.map((entry: unknown, index) => {
    const { location, replacement, why } = (entry ?? {}) as Record<string, unknown>;
    if (typeof location !== 'string' || !/^\d+:\d+$/.test(location)) {
      throw new Error(`${fileName}, entry ${index + 1}: "location" must be "line:column", got ${JSON.stringify(location)}.`);
    }
    if (typeof replacement !== 'string') throw new Error(`${fileName}, entry ${index + 1}: "replacement" must be a string.`);
    if (typeof why !== 'string' || why.trim().length < 10) {
      throw new Error(`${fileName}, entry ${index + 1}: "why" must say in one sentence why no test can tell the mutant apart.`);
    }
    return { location, replacement, why };
  });
}
