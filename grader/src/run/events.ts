// What the event reporter, running inside the vitest process, tells the grader about a run.
// Everything here crosses a process boundary, so it is plain JSON.

export interface CollectedTest {
  /** Unique within the run. */
  readonly id: string;
  /** Full name, describe blocks included: `cancelling with a signal › clears its timer`. */
  readonly name: string;
  readonly points: number;
  /** The test's own hint, if its spec gives one. */
  readonly hint?: string;
  /** The anchor of the lesson heading that teaches what the test checks, if its spec gives one. */
  readonly section?: string;
}

export interface ReportedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** For a failed comparison (`toBe`, `toEqual`…): both sides in full, as vitest prints values. */
  readonly actual?: string;
  readonly expected?: string;
}

export type RunEvent =
  | { readonly type: 'queued'; readonly file: string }
  | { readonly type: 'collected'; readonly file: string; readonly tests: readonly CollectedTest[] }
  | {
      readonly type: 'test';
      readonly file: string;
      readonly id: string;
      readonly state: 'passed' | 'failed' | 'skipped';
      readonly errors: readonly ReportedError[];
      /** The test's seal (seal.ts), when the worker found it passed on its own. */
      readonly seal?: string;
      /** What the code under test changed that assertions rely on, when it did. */
      readonly tampered?: string;
    }
  | { readonly type: 'file-end'; readonly file: string; readonly errors: readonly ReportedError[] };
