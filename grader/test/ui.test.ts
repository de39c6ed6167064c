// The vitest UI as a learner opens it, in a real browser: `npm run ui` started with no terminal,
// Chromium (Debian's package, driven by playwright-core) loads it, the visible tests of every
// exercise are listed and no hidden spec is, a screenshot is kept in .grader/ui.png, and stopping
// the command stops vitest.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exercises, repoRoot } from '../src/catalogue.ts';

const port = 51300 + (process.pid % 500);
const url = `http://localhost:${port}/__vitest__/`;
const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// Debian's package (what .ci/run installs), or the Chrome that GitHub's runners carry.
const browserPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((file) => existsSync(file)) ?? '/usr/bin/chromium';

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const serving = () =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

describe('npm run ui, in Chromium', () => {
  let server: ChildProcess;
  let output = '';
  beforeAll(async () => {
    server = spawn(process.execPath, [tsx, 'grader/src/cli.ts', 'ui'], {
      cwd: repoRoot,
      env: { ...process.env, COURSE_UI_PORT: String(port), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    await waitUntil(serving, `the UI at ${url}`);
  });
  afterAll(() => {
    server.kill('SIGKILL');
  });

  test('it prints its address and tries to open no browser of its own', () => {
    expect(output).toContain(url);
    expect(output).not.toMatch(/xdg-open|ENOENT|^\s+at /m);
  });

  test('the page lists the visible tests of every exercise and no hidden spec', async () => {
    const browser = await chromium.launch({
      executablePath: browserPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(url);
      await page.getByText('sleep.test.ts').first().waitFor({ timeout: 60_000 });
      mkdirSync(path.join(repoRoot, '.grader'), { recursive: true });
      await page.screenshot({ path: path.join(repoRoot, '.grader', 'ui.png') });
      // The list is long and drawn as it scrolls: look each file up with the UI's own search box.
      const search = page.getByPlaceholder(/search/i).first();
      for (const exercise of exercises) {
        await search.fill(`${exercise.name}.test`);
        await expect(page.getByText(`${exercise.name}.test.ts`).first().waitFor({ timeout: 10_000 }), `${exercise.name}.test.ts should be listed`).resolves.toBeUndefined();
      }
      await search.fill('spec');
      await page.waitForTimeout(500);
      expect(await page.locator('body').innerText()).not.toMatch(/\.spec\.ts|grader\/specs/);
    } finally {
      await browser.close();
    }
  });

  test('stopping it stops vitest: the address stops answering', async () => {
    server.kill('SIGTERM');
    await waitUntil(async () => !(await serving()), 'the UI to stop', 20_000);
    expect(await serving()).toBe(false);
  });
});
