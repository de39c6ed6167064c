// Runs spec files with vitest in a child process (vitest-process.ts) and returns what happened
// to each file.
//
// vitest's own test timeout cannot stop a synchronous infinite loop, so the grader keeps a
// wall-clock watchdog. A test that has been running longer than `testTimeoutMs` has hung: it
// fails with a message naming it, the whole vitest process group is killed, and the files that
// had not finished run again in a fresh process, skipping every test that already has a verdict.
// So a hang costs only the test that hung. A file that hangs outside any test, or in
// MAX_HANGS_PER_FILE tests, is stopped as a whole and marked timed out. Results that arrived
// before a kill are kept.
//
// A file that hangs outside any test (at import, in a hook) is noticed when it has made no
// progress for `fileTimeoutMs`.
//
// Only the spec decides that a test passed: a "passed" that does not carry the test's seal
// (seal.ts, test-hooks.ts) was made up by the code under test and counts as failed, and so does
// one whose code changed what assertions rely on. A test's list and points are taken from the
// first collection of its file in each run, before any submitted code has run.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TIMEOUT_MESSAGE } from '../messages.ts';
import type { CollectedTest, ReportedError, RunEvent } from './events.ts';
import { sealOf } from './seal.ts';
import { coldVitest, type RunHandle, type VitestProcess } from './vitest-process.ts';

export interface FileOutcome {
  /** Tests as collected, with their points; empty if the spec file never got that far. */
  tests: CollectedTest[];
  results: Map<string, { state: 'passed' | 'failed' | 'skipped'; errors: readonly ReportedError[] }>;
  /** Errors of the file itself (it failed to load or a hook outside any test failed). */
  fileErrors: ReportedError[];
  finished: boolean;
  /** The file was stopped as a whole: its tests without a verdict did not run. */
  timedOut: boolean;
  /** Tests stopped by the watchdog because they hung, in the order they hung. */
  hungTests: string[];
}

/** After this many hung tests in one file, the rest of the file is not tried again. */
export const MAX_HANGS_PER_FILE = 3;
/** How many times a spec file is run again after vitest stopped under it without being told to. */
const MAX_CRASHES_PER_FILE = 2;

/** How long vitest may take to exit once every spec file has ended. */
const EXIT_GRACE_MS = 3_000;
const VITEST_TIMEOUT = /Test timed out in \d+ms/;

export const UNVERIFIED_MESSAGE = 'this result does not count: it was not reached by the test itself (the code under test interfered with the test run)';

export function tamperedMessage(what: string): string {
  return `this result does not count: the code under test changed ${what}, which the grader's checks rely on`;
}
// A little more than vitest's own testTimeout (5 s, grade.config.ts), which stops a test that
// awaits forever without a restart; this one stops a test that blocks its worker. The course's
// own tests shorten both with COURSE_TEST_TIMEOUT_MS.
const DEFAULT_TEST_TIMEOUT_MS = Number(process.env.COURSE_TEST_TIMEOUT_MS) || 6_000;

export interface RunOptions {
  /** The tree `@target/` points at. */
  target: string;
  specFiles: readonly string[];
  /** How long a spec file may go without progress (a test starting or ending) before it is stopped. */
  fileTimeoutMs: number;
  /** Wall-clock budget of one test; every test runs in virtual time, so this is generous. */
  testTimeoutMs?: number;
  workers?: number;
  /** Where to run; a fresh `vitest run` when not given. Watch mode passes its warm server. */
  vitest?: VitestProcess;
}

export class GraderRunError extends Error {
  override name = 'GraderRunError';
}

export async function runSpecs(options: RunOptions): Promise<Map<string, FileOutcome>> {
  const outcomes = new Map<string, FileOutcome>(
    options.specFiles.map((file) => [file, { tests: [], results: new Map(), fileErrors: [], finished: false, timedOut: false, hungTests: [] }]),
  );
  const vitest = options.vitest ?? coldVitest();
  const crashes = new Map<string, number>();
  try {
    let remaining = [...options.specFiles];
    while (remaining.length > 0) {
      await runOnce(vitest, remaining, outcomes, options, crashes);
      remaining = remaining.filter((file) => {
        const outcome = outcomes.get(file)!;
        return !outcome.finished && !outcome.timedOut;
      });
    }
  } finally {
    if (!options.vitest) vitest.close();
  }
  return outcomes;
}

/** One run over `files`; returns when it is over or the watchdog has killed it. */
async function runOnce(
  vitest: VitestProcess,
  files: readonly string[],
  outcomes: Map<string, FileOutcome>,
  options: RunOptions,
  crashes: Map<string, number>,
): Promise<void> {
  // When each running file last made progress: it was queued or collected, or a test started or ended.
  const lastProgress = new Map<string, number>();
  const collected = new Set<string>();
  let progressInRun = false;
  let sealKey = '';
  // Set when a file has used up its hangs: the watchdog stops the run at its next look.
  let stopNow = false;
  const onEvent = (event: RunEvent) => {
    const outcome = outcomes.get(event.file);
    if (!outcome) return;
    progressInRun = true;
    switch (event.type) {
      case 'queued':
        lastProgress.set(event.file, Date.now());
        break;
      case 'collected':
        if (collected.has(event.file)) break;
        collected.add(event.file);
        outcome.tests = [...event.tests];
        lastProgress.set(event.file, Date.now());
        break;
      case 'test': {
        lastProgress.set(event.file, Date.now());
        const before = outcome.results.get(event.id);
        // A test skipped because it already has a verdict keeps that verdict, and a verified pass
        // is never taken back.
        if (before && (event.state === 'skipped' || before.state === 'passed')) break;
        if (event.state !== 'passed') {
          outcome.results.set(event.id, { state: event.state, errors: event.errors });
          // A test that never settled and that vitest stopped after its own timeout counts as
          // hung, like one the watchdog stopped: a file of such tests is not waited for to the end.
          if (event.errors.some((error) => VITEST_TIMEOUT.test(error.message))) {
            outcome.hungTests.push(event.id);
            if (outcome.hungTests.length >= MAX_HANGS_PER_FILE && !outcome.finished) {
              outcome.timedOut = true;
              stopNow = true;
            }
          }
        } else if (event.tampered !== undefined) {
          outcome.results.set(event.id, { state: 'failed', errors: [{ name: 'Error', message: tamperedMessage(event.tampered) }] });
        } else if (event.seal === undefined || event.seal !== sealOf(sealKey, event.id)) {
          outcome.results.set(event.id, { state: 'failed', errors: [{ name: 'Error', message: UNVERIFIED_MESSAGE }] });
        } else {
          outcome.results.set(event.id, { state: 'passed', errors: [] });
        }
        break;
      }
      case 'file-end':
        outcome.fileErrors = [...event.errors];
        outcome.finished = true;
        lastProgress.delete(event.file);
        break;
    }
  };
  const run = vitest.start({
    target: options.target,
    specFiles: files,
    // Tests with a verdict from an earlier, interrupted run of their file are not run again.
    skipTests: files.flatMap((file) => [...outcomes.get(file)!.results.keys()]),
    workers: options.workers ?? 2,
    onEvent,
  });
  sealKey = run.sealKey;

  let killed = false;
  const testTimeoutMs = options.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const running = runningTests(run, outcomes, lastProgress);
  // When every file has ended, vitest has nothing left to do: if it does not exit (code under test
  // can leave it waiting for a worker), it is stopped after a grace period.
  let allEndedAt: number | undefined;
  const watchdog = setInterval(() => {
    const now = Date.now();
    let stuck = false;
    if (files.every((file) => outcomes.get(file)!.finished || outcomes.get(file)!.timedOut)) {
      allEndedAt ??= now;
      if (now - allEndedAt > EXIT_GRACE_MS) stuck = true;
    }
    const current = running();
    for (const [file, test] of current) {
      if (now - test.since <= testTimeoutMs) continue;
      const outcome = outcomes.get(file)!;
      outcome.results.set(test.id, { state: 'failed', errors: [{ name: 'Error', message: TIMEOUT_MESSAGE }] });
      outcome.hungTests.push(test.id);
      if (outcome.hungTests.length >= MAX_HANGS_PER_FILE) outcome.timedOut = true;
      stuck = true;
    }
    for (const [file, since] of lastProgress) {
      if (now - since > options.fileTimeoutMs && !current.has(file)) {
        outcomes.get(file)!.timedOut = true;
        stuck = true;
      }
    }
    if (!stuck && !stopNow) return;
    killed = true;
    run.kill();
  }, 100);

  let ended: { exited: boolean; output: string };
  try {
    ended = await run.done;
  } catch (error) {
    throw new GraderRunError((error as Error).message);
  } finally {
    clearInterval(watchdog);
  }
  const unfinished = files.filter((file) => !outcomes.get(file)!.finished && !outcomes.get(file)!.timedOut);
  if (killed || unfinished.length === 0) return;
  if (!progressInRun) throw new GraderRunError(`vitest stopped before running any spec:\n${ended.output.trim()}`);
  // vitest stopped on its own without finishing these. Submitted code may have brought it down,
  // so they run again, a couple of times; then it is reported on the file rather than run again
  // forever.
  for (const file of unfinished) {
    const outcome = outcomes.get(file)!;
    const count = (crashes.get(file) ?? 0) + 1;
    crashes.set(file, count);
    if (count <= MAX_CRASHES_PER_FILE) continue;
    outcome.finished = true;
    outcome.fileErrors.push({ name: 'GraderRunError', message: `vitest stopped before this spec finished.\n${ended.output.trim()}` });
  }
}

/**
 * Reads the run's progress folder: the test each worker is running (one that has no verdict yet),
 * and since when the grader has seen it there. Seeing a test start also counts as progress.
 */
function runningTests(
  run: RunHandle,
  outcomes: Map<string, FileOutcome>,
  lastProgress: Map<string, number>,
): () => Map<string, { id: string; since: number }> {
  const seen = new Map<string, { file: string; id: string; since: number }>();
  return () => {
    for (const name of safeReaddir(run.progressDir)) {
      if (!name.startsWith('worker-')) continue;
      const text = safeRead(path.join(run.progressDir, name));
      if (!text) continue;
      // Code under test can write here too: only an entry with the test's mark counts.
      let entry: { file?: unknown; id?: unknown; mark?: unknown };
      try {
        entry = JSON.parse(text);
      } catch {
        continue;
      }
      const { file, id, mark } = entry;
      if (typeof file !== 'string' || typeof id !== 'string' || mark !== sealOf(run.sealKey, `progress:${id}`)) continue;
      const before = seen.get(name);
      if (!before || before.id !== id) seen.set(name, { file, id, since: Date.now() });
    }
    const running = new Map<string, { id: string; since: number }>();
    for (const { file, id, since } of seen.values()) {
      const outcome = outcomes.get(file);
      if (outcome && !outcome.results.has(id) && !outcome.finished) {
        running.set(file, { id, since });
        lastProgress.set(file, Math.max(lastProgress.get(file) ?? 0, since));
      }
    }
    return running;
  };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A progress file's content, or undefined while it is missing or half written. */
function safeRead(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.endsWith('}') ? text : undefined;
  } catch {
    return undefined;
  }
}
