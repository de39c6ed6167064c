// Watch mode as a learner meets it: driven in a real terminal (tmux), reading nothing but the
// screen. The learner saves a correct file and is moved on, asks for a hint, saves a wrong file
// and sees which tests fail, why, the failing test's hint and lesson section, and a timeline;
// saves the fix and is moved on; quits, and comes back to where they were.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exercises, repoRoot } from '../src/catalogue.ts';

const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'course-watch-'));
const target = path.join(work, 'exercises');
const stateFile = path.join(work, 'state.json');
const session = `course-watch-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function startWatch(extra = '', name = session): void {
  const command = `cd ${JSON.stringify(repoRoot)} && NO_COLOR=1 COURSE_STATE_FILE=${JSON.stringify(stateFile)} ${JSON.stringify(process.execPath)} ${JSON.stringify(tsx)} grader/src/cli.ts watch --target ${JSON.stringify(target)} ${extra}; sleep 30`;
  tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '60', command);
}

const screen = (name = session) => tmux('capture-pane', '-p', '-t', name);

/** Waits until the screen shows `text` (or until `text` says yes to it); fails with the screen as it was. */
async function waitFor(text: string | RegExp | ((shown: string) => boolean), timeoutMs = 60_000, name = session): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen(name);
    if (typeof text === 'string' ? shown.includes(text) : typeof text === 'function' ? text(shown) : text.test(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${String(text)}; it shows:\n${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const solution = (id: string) => readFileSync(path.join(repoRoot, 'solutions', `${id}.ts`), 'utf8');

describe('npm run watch, in a terminal', () => {
  beforeAll(() => {
    cpSync(path.join(repoRoot, 'exercises'), target, { recursive: true });
    startWatch();
  });
  afterAll(() => {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // Already gone.
    }
  });

  test('a fresh start opens the first exercise, points at lesson 00 and grades the stub', async () => {
    const shown = await waitFor(/event-order\s+not started\s+0\/\d+/);
    expect(shown).toContain('lessons/00-how-this-course-works.md');
    expect(shown).toContain('h hint · n next exercise · l list · r re-run · q quit');
  });

  test('saving a correct solution marks the exercise done and moves on to the next one', async () => {
    writeFileSync(path.join(target, '01-event-loop/event-order.ts'), solution('01-event-loop/event-order'));
    const shown = await waitFor(/sleep\s+not started\s+0\/\d+/);
    expect(shown).toContain('event-order is done');
    expect(shown).toContain(`1 of ${exercises.length} exercises done`);
  });

  test('h reveals the first hint, and only the first', async () => {
    tmux('send-keys', '-t', session, 'h');
    const shown = await waitFor('Hint 1 of');
    expect(shown).not.toContain('Hint 2 of');
  });

  test('saving a wrong solution shows which tests fail and why, with the failing test’s own hint and lesson section', async () => {
    const wrong = readFileSync(path.join(repoRoot, 'grader/wrong/01-event-loop/sleep/leaks-timer.ts'), 'utf8');
    writeFileSync(path.join(target, '01-event-loop/sleep.ts'), wrong);
    const shown = await waitFor(/sleep\s+partial\s+\d+\/\d+/);
    expect(shown).toContain('✘ cancelling with a signal › clears its timer when aborted');
    expect(shown).toContain('timers still scheduled after the sleep was aborted: got 1, expected 0');
    expect(shown).toMatch(/Hint: An aborted sleep must cancel its timer/);
    expect(shown).toContain('Read: lessons/01-event-loop.md#');
  });

  test('a timing failure draws the expected and the actual schedule', async () => {
    const wrong = readFileSync(path.join(repoRoot, 'grader/wrong/01-event-loop/sleep/waits-its-turn.ts'), 'utf8');
    writeFileSync(path.join(target, '01-event-loop/sleep.ts'), wrong);
    const shown = await waitFor(/expected\s+sleep\(100\)\s+█+/);
    expect(shown).toContain('three sleeps started together should run side by side');
    expect(shown).toMatch(/actual\s+sleep\(100\)\s+█+/);
  });

  test('saving the fix marks it done and moves on to the next exercise', async () => {
    writeFileSync(path.join(target, '01-event-loop/sleep.ts'), solution('01-event-loop/sleep'));
    const shown = await waitFor(/yielding-loop\s+not started\s+0\/\d+/);
    expect(shown).toContain('sleep is done');
    expect(shown).toContain('npm run solution -- sleep');
  });

  test('the next save says nothing more about the exercise done before', async () => {
    const file = path.join(target, '01-event-loop/yielding-loop.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const shown = await waitFor((text) => !text.includes('sleep is done'));
    expect(shown).toMatch(/yielding-loop\s+not started\s+0\/\d+/);
    expect(shown).toContain('Save the file to grade it again.');
  });

  test('q quits and keeps the progress; starting again resumes at the same exercise', async () => {
    tmux('send-keys', '-t', session, 'q');
    await waitFor('Progress saved');
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(state).toMatchObject({ done: ['01-event-loop/event-order', '01-event-loop/sleep'], current: '01-event-loop/yielding-loop', hintsShown: { '01-event-loop/sleep': 1 } });
    tmux('kill-session', '-t', session);
    startWatch();
    const shown = await waitFor(/yielding-loop\s+not started\s+0\/\d+/);
    expect(shown).toContain(`2 of ${exercises.length} exercises done`);
    expect(shown).not.toContain('lessons/00-how-this-course-works.md');
  });
});

describe('npm run watch -- --manual', () => {
  const manual = `${session}-manual`;
  beforeAll(() => {
    startWatch('--manual', manual);
  });
  afterAll(() => {
    try {
      tmux('kill-session', '-t', manual);
    } catch {
      // Already gone.
    }
  });

  test('grades on Enter, not on save, and says so', async () => {
    let shown = await waitFor('Press Enter to grade it again.', 60_000, manual);
    expect(shown).toContain('(type the letter, then Enter)');
    expect(shown).not.toContain('Save the file to grade it again.');
    const file = path.join(target, '01-event-loop/yielding-loop.ts');
    writeFileSync(file, solution('01-event-loop/yielding-loop'));
    tmux('send-keys', '-t', manual, 'Enter');
    shown = await waitFor('yielding-loop is done', 60_000, manual);
    expect(shown).toContain('On to the next exercise');
  });
});
