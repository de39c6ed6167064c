// Watches a promise (or any thenable, as `await` would) without awaiting it, so a test can look
// at how and when it settled at any moment, and never hangs on one that a wrong solution leaves
// pending.
export type Outcome<T> = 'pending' | { readonly resolved: T; readonly at: number } | { readonly rejected: unknown; readonly at: number };

export interface Tracked<T> {
  state(): 'pending' | 'resolved' | 'rejected';
  /** The (virtual) time at which it settled, `Date.now()` then; undefined while pending. */
  settledAt(): number | undefined;
  /** How it settled, with what and when: `{ resolved: 42, at: 100 }`. */
  outcome(): Outcome<T>;
  /** What it resolved or rejected with, for identity checks with toBe; undefined while pending. */
  value(): unknown;
}

export function track<T>(thenable: PromiseLike<T>): Tracked<T> {
  let outcome: Outcome<T> = 'pending';
  // Promise.resolve calls a thenable's `then` on a later microtask, exactly as `await` does.
  Promise.resolve(thenable).then(
    (resolved) => {
      outcome = { resolved, at: Date.now() };
    },
    (rejected: unknown) => {
      outcome = { rejected, at: Date.now() };
    },
  );
  return {
    state: () => (outcome === 'pending' ? 'pending' : 'resolved' in outcome ? 'resolved' : 'rejected'),
    settledAt: () => (outcome === 'pending' ? undefined : outcome.at),
    outcome: () => outcome,
    value: () => (outcome === 'pending' ? undefined : 'resolved' in outcome ? outcome.resolved : outcome.rejected),
  };
}
