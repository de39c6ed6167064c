// Right: turns every call into a promise of a tagged outcome that never rejects, awaits Promise.all of them, then reduces the outcomes.
type Outcome<T> = { ok: true; value: T } | { ok: false; reason: unknown };

function attempt<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return Promise.resolve(fn()).then(
      (value): Outcome<T> => ({ ok: true, value }),
      (reason: unknown): Outcome<T> => ({ ok: false, reason }),
    );
  } catch (reason: unknown) {
    return Promise.resolve({ ok: false, reason });
  }
}

export async function runAll<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const outcomes = await Promise.all(fns.map((fn) => attempt(fn)));
  const { values, errors } = outcomes.reduce<{ values: T[]; errors: unknown[] }>(
    (acc, outcome) => {
      if (outcome.ok) acc.values.push(outcome.value);
      else acc.errors.push(outcome.reason);
      return acc;
    },
    { values: [], errors: [] },
  );
  if (errors.length === 0) return values;
  throw new AggregateError(errors, `${errors.length} of ${outcomes.length} functions failed`);
}
